package dev.leakprobe.analyzer.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the self-contained HTML page of a report: inline CSS and JS, nothing fetched from the network.
 *
 * <p>The page renders the report JSON (the format in DEVELOPERS.md) that is embedded in it.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(JsonNode report, Path out) throws IOException {
        throw new UnsupportedOperationException("HTML report is being built");
    }
}
