package dev.leakprobe.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** The report JSON: Jackson's binding of the {@link ReportDocument} records. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static byte[] bytes(ReportDocument report) throws IOException {
        return JSON.writeValueAsBytes(report);
    }

    /** The same as a tree, for the page (and tests). */
    public static JsonNode tree(ReportDocument report) {
        return JSON.valueToTree(report);
    }
}
