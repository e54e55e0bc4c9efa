package dev.leakprobe.analyzer.report;

import dev.leakprobe.analyzer.diff.AllocationSite;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.OffHeapSite;
import dev.leakprobe.analyzer.diff.Suspect;
import java.io.PrintStream;
import java.util.List;

/**
 * The short answer on the terminal: the verdict and the top suspects in plain words, from the model. Every line goes
 * through {@link TerminalText}: the names in it come from the dump.
 */
public final class TerminalReport {

    private TerminalReport() {}

    /** The verdict first, then the totals, the suspects, and the dumps' warnings, each said once for all dumps. */
    public static void print(Analysis analysis, int top, PrintStream out) {
        line(out, Wording.verdictLine(analysis));
        line(out, Wording.totals(analysis));
        printSuspects(analysis, top, out);
        WarningLines.of(analysis.dumps()).stream().limit(MAX_WARNINGS).forEach(w -> line(out, Wording.warning(w)));
    }

    private static final int MAX_WARNINGS = 5;

    private static void printSuspects(Analysis analysis, int top, PrintStream out) {
        List<Suspect> suspects = analysis.suspects();
        for (int i = 0; i < Math.min(top, suspects.size()); i++) {
            Suspect s = suspects.get(i);
            line(
                    out,
                    String.format(
                            "%2d. %s",
                            s.rank(), Wording.description(s, analysis.dumps().size())));
            line(out, "    " + s.pathText());
            if (s.accumulated().size() > 1) {
                line(out, "    " + Wording.accumulated(s));
            }
            if (s.classLoaders()) {
                line(out, "    " + Wording.loadedClasses(analysis));
            }
            topFrame(s.allocationSites().stream().map(AllocationSite::frames).toList())
                    .ifPresent(frame -> {
                        AllocationSite site = s.allocationSites().get(0);
                        line(
                                out,
                                "    "
                                        + Wording.allocatedAt(
                                                Wording.siteFrame(site.frames(), site.applicationFrame()),
                                                site.share(),
                                                site.samples()));
                    });
            topFrame(s.offHeapSites().stream().map(OffHeapSite::frames).toList())
                    .ifPresent(frame -> {
                        OffHeapSite site = s.offHeapSites().get(0);
                        String text = Wording.directAllocatedAt(
                                Wording.siteFrame(site.frames(), site.applicationFrame()),
                                site.liveBytes(),
                                site.liveCount(),
                                site.mapped());
                        line(
                                out,
                                "    "
                                        + (site.sharedBy() > 1
                                                ? text + "; " + Wording.sharedPoolSite(frame, site.sharedBy())
                                                : text));
                    });
        }
    }

    private static void line(PrintStream out, String text) {
        out.println(TerminalText.safe(text));
    }

    private static java.util.Optional<String> topFrame(List<List<String>> sites) {
        if (sites.isEmpty() || sites.get(0).isEmpty() || sites.get(0).get(0).isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(sites.get(0).get(0));
    }
}
