package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.util.List;

/** From summaries to an {@link Analysis}: find suspects, then enrich them with what the agent wrote beside. */
public final class Analyzer {

    private Analyzer() {}

    public static Analysis analyze(DumpInfo dump, DumpSummary summary, SuspectRules rules) {
        List<Suspect> suspects = new ShareFinder(summary, rules).find();
        return new Enrichment(List.of(dump), List.of(summary))
                .analysis(Analysis.Kind.ANALYZE, ClassTable.merge(List.of(summary)), suspects);
    }

    /** {@code dumps} and {@code summaries} in the same order, oldest first. */
    public static Analysis diff(List<DumpInfo> dumps, List<DumpSummary> summaries, SuspectRules rules) {
        if (dumps.size() < 2 || dumps.size() != summaries.size()) {
            throw new IllegalArgumentException("diff needs two dumps or more, one summary each");
        }
        List<Suspect> suspects = new GrowthFinder(summaries, rules).find();
        return new Enrichment(dumps, summaries).analysis(Analysis.Kind.DIFF, ClassTable.merge(summaries), suspects);
    }
}
