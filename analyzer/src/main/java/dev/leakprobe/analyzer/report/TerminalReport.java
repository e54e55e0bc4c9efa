package dev.leakprobe.analyzer.report;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.io.PrintStream;
import java.util.List;

/** The short answer on the terminal: the verdict and the top suspects in plain words. */
public final class TerminalReport {

    private TerminalReport() {}

    public static void print(Analysis analysis, int top, PrintStream out) {
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
        }
    }
}
