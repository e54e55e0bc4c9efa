package dev.leakprobe.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.io.PrintStream;
import java.util.List;

/** The short answer on the terminal: the verdict and the top suspects in plain words. */
public final class TerminalReport {

    private TerminalReport() {}

    /**
     * @param report the JSON report of the same analysis, which joins the agent's allocation-site sidecars to the
     *     suspects
     */
    public static void print(Analysis analysis, JsonNode report, int top, PrintStream out) {
        List<DumpSummary> summaries = analysis.summaries();
        DumpSummary last = summaries.get(summaries.size() - 1);
        if (analysis.kind() == Analysis.Kind.DIFF) {
            out.printf("leakprobe diff: %d dumps; heap %s → %s, off-heap %s → %s%n", summaries.size(),
                    Sizes.format(summaries.get(0).heapBytes()), Sizes.format(last.heapBytes()),
                    Sizes.format(summaries.get(0).offHeapBytes()), Sizes.format(last.offHeapBytes()));
        } else {
            out.printf("leakprobe analyze: %d objects, heap %s, off-heap %s%n", last.objects(),
                    Sizes.format(last.heapBytes()), Sizes.format(last.offHeapBytes()));
        }
        for (DumpSummary s : summaries) {
            s.warnings().stream().limit(3).forEach(w -> out.println("warning: " + w));
        }
        out.println((analysis.suspects().isEmpty() ? "No leak suspect. " : "LEAK SUSPECTED: ")
                + JsonReport.headline(analysis));
        List<Suspect> suspects = analysis.suspects();
        for (int i = 0; i < Math.min(top, suspects.size()); i++) {
            Suspect s = suspects.get(i);
            out.printf("%2d. %s%n    %s%n", i + 1, s.description(), s.pathText());
            JsonNode json = report.path("suspects").path(i);
            printTopSite(json.path("allocationSites"), "allocated at", out);
            printTopSite(json.path("offHeapSites"), "direct buffers allocated at", out);
        }
    }

    /** The site that holds the most, in one line: the answer to "where do these come from?". */
    private static void printTopSite(JsonNode sites, String what, PrintStream out) {
        JsonNode site = sites.path(0);
        String frame = site.path("frames").path(0).asText("");
        if (frame.isEmpty()) {
            return;
        }
        String share = site.has("share")
                ? String.format(" (%.0f%% of %d sampled survivors)", 100 * site.path("share").asDouble(),
                        site.path("samples").asLong())
                : String.format(" (%s live in %d buffers)", Sizes.format(site.path("liveBytes").asLong()),
                        site.path("liveCount").asLong());
        out.printf("    %s %s%s%n", what, frame, share);
    }
}
