package dev.leakprobe.junit.check;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.report.JsonReport;
import dev.leakprobe.analyzer.report.ReportDocument;
import dev.leakprobe.analyzer.report.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** The analyzer's HTML page of a leak test's diff: the same page as {@code bin/leakprobe diff} writes. */
public final class HtmlReportFile {

    /** As many suspects as the command line shows by default. */
    private static final int TOP = 10;

    private HtmlReportFile() {}

    public static void write(Analysis analysis, Path file) throws IOException {
        HtmlReport.write(JsonReport.tree(ReportDocument.of(analysis, TOP, Instant.now())), file);
    }
}
