package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.leakprobe.analyzer.summary.DominatorEntry;
import java.util.List;
import java.util.Locale;

/**
 * Everything a report shows of {@code analyze} (one dump) or {@code diff} (several, oldest first): the dumps and
 * their warnings, the class table, the suspects with their own allocation and off-heap sites, the biggest
 * dominators, the off-heap table and the timeline from {@code metrics.jsonl}. Per-dump arrays have one entry per
 * dump, oldest first. Its Jackson binding is the report JSON (DEVELOPERS.md); the report layer adds only words.
 *
 * @param metrics {@code null} when no {@code metrics.jsonl} sits beside the dumps
 */
public record Analysis(
        Kind kind,
        List<DumpFacts> dumps,
        List<ClassGrowth> classes,
        List<Suspect> suspects,
        List<DominatorEntry> dominators,
        OffHeapTable offHeap,
        @JsonInclude(JsonInclude.Include.NON_NULL) Timeline metrics) {

    public enum Kind {
        ANALYZE,
        DIFF;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean leak() {
        return !suspects.isEmpty();
    }

    public DumpFacts last() {
        return dumps.get(dumps.size() - 1);
    }

    /** The same analysis with other dominators (the report's {@code --redact}). */
    public Analysis withSuspects(List<Suspect> newSuspects) {
        return new Analysis(kind, dumps, classes, List.copyOf(newSuspects), dominators, offHeap, metrics);
    }

    public Analysis withDominators(List<DominatorEntry> newDominators) {
        return new Analysis(kind, dumps, classes, suspects, newDominators, offHeap, metrics);
    }
}
