package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.HeapEngine;
import dev.leakprobe.analyzer.heap.HeapEngines;
import dev.leakprobe.analyzer.report.JsonReport;
import dev.leakprobe.analyzer.report.Redaction;
import dev.leakprobe.analyzer.report.ReportDocument;
import dev.leakprobe.analyzer.report.ReportFiles;
import dev.leakprobe.analyzer.report.TerminalReport;
import dev.leakprobe.analyzer.report.TerminalText;
import dev.leakprobe.analyzer.report.html.HtmlReport;
import dev.leakprobe.analyzer.summary.SummaryCache;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options and outputs shared by {@code analyze} and {@code diff}. */
final class ReportOptions {

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "HTML report (default: reports/leakprobe-<kind>-<time>.html; - for standard output)")
    Path html;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "JSON report (default: reports/leakprobe-<kind>-<time>.json; - for standard output)")
    Path json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "suspects to report (default: 10)")
    int top;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description =
                    "where summaries of dumps in read-only folders go (default: ${XDG_CACHE_HOME:-~/.cache}/leakprobe)")
    Path cacheDir;

    @Option(names = "--no-cache", description = "neither read nor write summary caches")
    boolean noCache;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress on stderr (a terminal gets one line that rewrites itself; stderr that is not"
                    + " a terminal gets only warnings and errors)")
    boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            description = "every step of the parse on stderr, a line each, also when stderr is not a terminal")
    boolean verbose;

    @Option(
            names = "--redact",
            description = "leave out the string values that object labels take from the heap "
                    + "(for reports that leave the machine)")
    boolean redact;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = HeapEngines.DEFAULT,
            description = "heap engine: leakprobe (default) or mat, the Eclipse MAT port it is tested against")
    String engine;

    @Option(
            names = "--keep-unreachable",
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

    private final Set<String> warned = new HashSet<>();

    SummaryCache cache() {
        // Summaries made another way than the default are not cached: a later default run must not reuse them.
        boolean usual = !keepUnreachable && HeapEngines.DEFAULT.equalsIgnoreCase(engine);
        return noCache || !usual
                ? SummaryCache.disabled()
                : new SummaryCache(cacheDir != null ? cacheDir : SummaryCache.defaultFallbackDir(), true, this::warn);
    }

    /**
     * A warning on stderr, even with {@code --quiet}: something was wrong and has been dealt with. Said once (a
     * damaged summary given as input is also the cache file of its dump).
     */
    void warn(String line) {
        if (warned.add(line)) {
            System.err.println(Main.errorLine(line));
        }
    }

    /** Terminal summary, JSON and HTML; the report paths last. */
    void write(Analysis analysis, PrintStream stdout, PrintStream err) throws IOException, BadDumpException {
        boolean toStdout = ReportFiles.STDOUT.equals(json) || ReportFiles.STDOUT.equals(html);
        if (ReportFiles.STDOUT.equals(json) && ReportFiles.STDOUT.equals(html)) {
            throw new BadDumpException("--json and --html cannot both be - (standard output)");
        }
        // With a report on standard output, the terminal summary goes to stderr: stdout holds the report alone.
        PrintStream out = toStdout ? err : stdout;
        Instant now = Instant.now();
        int shown = Math.max(1, top);
        Analysis shownAnalysis = redact ? Redaction.apply(analysis) : analysis;
        ReportDocument report = ReportDocument.of(shownAnalysis, shown, now);
        TerminalReport.print(shownAnalysis, Math.min(shown, 5), out);
        byte[] page = null;
        try {
            page = HtmlReport.render(JsonReport.tree(report)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The JSON is written: a failed page is worth a line, not the run.
            err.println(Main.errorLine("cannot render the HTML report: " + e.getMessage()));
        }
        ReportFiles.Written written = ReportFiles.write(
                ReportFiles.DEFAULT_DIR,
                json,
                html,
                analysis.kind().label(),
                now,
                JsonReport.bytes(report),
                page,
                stdout);
        if (!ReportFiles.STDOUT.equals(written.json())) {
            out.println(TerminalText.safe("JSON report: " + written.json()));
        }
        if (written.html() != null && !ReportFiles.STDOUT.equals(written.html())) {
            out.println(TerminalText.safe("HTML report: " + written.html()));
        }
    }
}
