package dev.leakprobe.analyzer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.ClassGrowth;
import dev.leakprobe.analyzer.diff.DumpFacts;
import dev.leakprobe.analyzer.diff.NativeGrowth;
import dev.leakprobe.analyzer.diff.OffHeapTable;
import dev.leakprobe.analyzer.diff.Steadiness;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.diff.Timeline;
import dev.leakprobe.analyzer.summary.DominatorEntry;
import java.time.Instant;
import java.util.List;

/**
 * The report JSON of DEVELOPERS.md ("Report JSON"), as Jackson writes it: the {@link Analysis} records themselves,
 * a header, and the words of {@link Wording}. Also the data the HTML page renders.
 */
public record ReportDocument(
        String tool,
        String version,
        Analysis.Kind kind,
        String generatedAt,
        Verdict verdict,
        List<DumpFacts> dumps,
        List<ClassGrowth> classes,
        List<SuspectEntry> suspects,
        List<DominatorEntry> dominators,
        OffHeapTable offHeap,
        @JsonInclude(JsonInclude.Include.NON_NULL) Timeline metrics) {

    /** The class table is sorted by growth (or size); the rest is noise for a report. */
    static final int MAX_CLASSES = 2000;

    /** @param nativeGrowth the ledger's growth outside heap and buffers, when it is the verdict; else absent */
    public record Verdict(
            boolean leak,
            String headline,
            @JsonInclude(JsonInclude.Include.NON_NULL) NativeGrowth nativeGrowth) {}

    /** A suspect with its words. */
    public record SuspectEntry(@JsonUnwrapped Suspect suspect, SteadinessEntry steadiness, String description) {}

    public record SteadinessEntry(int growingIntervals, int intervals, String description) {
        static SteadinessEntry of(Steadiness s) {
            return new SteadinessEntry(s.growingIntervals(), s.intervals(), Wording.steadiness(s));
        }
    }

    /** @param top how many suspects the report lists */
    public static ReportDocument of(Analysis analysis, int top, Instant generatedAt) {
        int n = analysis.dumps().size();
        List<SuspectEntry> suspects = analysis.suspects().stream()
                .limit(top)
                .map(s -> new SuspectEntry(s, SteadinessEntry.of(s.steadiness()), Wording.description(s, n)))
                .toList();
        List<ClassGrowth> classes = analysis.classes()
                .subList(0, Math.min(MAX_CLASSES, analysis.classes().size()));
        return new ReportDocument(
                "leakprobe",
                Version.get(),
                analysis.kind(),
                generatedAt.toString(),
                new Verdict(
                        analysis.leak(),
                        Wording.headline(analysis),
                        analysis.nativeGrowth().orElse(null)),
                analysis.dumps(),
                classes,
                suspects,
                analysis.dominators(),
                analysis.offHeap(),
                analysis.metrics());
    }
}
