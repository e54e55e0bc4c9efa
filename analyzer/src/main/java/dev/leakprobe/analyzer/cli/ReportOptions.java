package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.HeapEngine;
import dev.leakprobe.analyzer.heap.HeapEngines;
import dev.leakprobe.analyzer.report.JsonReport;
import dev.leakprobe.analyzer.report.TerminalReport;
import dev.leakprobe.analyzer.report.html.HtmlReport;
import dev.leakprobe.analyzer.summary.SummaryCache;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** Options and outputs shared by {@code analyze} and {@code diff}. */
final class ReportOptions {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--html", paramLabel = "FILE",
            description = "HTML report (default: reports/leakprobe-<kind>-<time>.html)")
    Path html;

    @Option(names = "--json", paramLabel = "FILE",
            description = "JSON report (default: reports/leakprobe-<kind>-<time>.json)")
    Path json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "suspects to report (default: 10)")
    int top;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "where summaries of dumps in read-only folders go (default: ${XDG_CACHE_HOME:-~/.cache}/leakprobe)")
    Path cacheDir;

    @Option(names = "--no-cache", description = "neither read nor write summary caches")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = HeapEngines.DEFAULT,
            description = "heap engine: leakprobe (default) or mat, the Eclipse MAT port it is tested against")
    String engine;

    @Option(names = "--keep-unreachable",
            description = "keep objects no GC root reaches (kept anyway in the agent's live dumps) instead of setting"
                    + " them aside as garbage")
    boolean keepUnreachable;

    HeapEngine engine() throws BadDumpException {
        try {
            return HeapEngines.named(engine);
        } catch (IllegalArgumentException e) {
            throw new BadDumpException(e.getMessage());
        }
    }

    SummaryCache cache() {
        // Summaries made another way than the default are not cached: a later default run must not reuse them.
        boolean usual = !keepUnreachable && HeapEngines.DEFAULT.equalsIgnoreCase(engine);
        return noCache || !usual ? SummaryCache.disabled()
                : new SummaryCache(cacheDir != null ? cacheDir : SummaryCache.defaultFallbackDir(), true);
    }

    /** Terminal summary, JSON and HTML; the report paths last. */
    void write(Analysis analysis, PrintStream out, PrintStream err) throws IOException {
        Instant now = Instant.now();
        int shown = Math.max(1, top);
        ObjectNode report = JsonReport.build(analysis, shown, now);
        String base = "reports/leakprobe-" + analysis.kind().label() + "-" + STAMP.format(now);
        Path jsonOut = json != null ? json : Path.of(base + ".json");
        Path htmlOut = html != null ? html : Path.of(base + ".html");
        TerminalReport.print(analysis, report, Math.min(shown, 5), out);
        JsonReport.write(report, jsonOut);
        out.println("JSON report: " + jsonOut);
        try {
            HtmlReport.write(report, htmlOut);
            out.println("HTML report: " + htmlOut);
        } catch (UnsupportedOperationException e) {
            err.println("leakprobe: HTML report not available in this build (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            // The JSON is written: a failed page is worth a line, not the run.
            err.println("leakprobe: cannot write the HTML report " + htmlOut + ": " + e.getMessage());
        }
    }
}
