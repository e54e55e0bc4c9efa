package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.leakprobe.analyzer.summary.DominatorEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** A suspect, or (in a diff) native growth that no suspect explains: the CLI's exit codes treat both alike. */
    public boolean leak() {
        return !suspects.isEmpty() || nativeGrowth().isPresent();
    }

    /**
     * Growth of the resident set outside heap and buffers over the dumps, as the ledger of {@code metrics.jsonl}
     * shows it, when the diff has no suspect to explain it ({@link NativeGrowth} has the rule).
     */
    public Optional<NativeGrowth> nativeGrowth() {
        if (kind != Kind.DIFF || !suspects.isEmpty()) {
            return Optional.empty();
        }
        return NativeGrowth.of(metrics, SuspectRules.DEFAULT.minGrowthBytes());
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
