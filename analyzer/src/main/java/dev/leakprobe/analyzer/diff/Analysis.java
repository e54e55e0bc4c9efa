package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DominatorEntry;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.util.List;

/** The result of {@code analyze} (one dump) or {@code diff} (several, oldest first), before any rendering. */
public record Analysis(
        Kind kind,
        List<DumpInfo> dumps,
        List<DumpSummary> summaries,
        List<ClassGrowth> classes,
        List<Suspect> suspects,
        List<DominatorEntry> dominators) {

    public enum Kind {
        ANALYZE,
        DIFF;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
