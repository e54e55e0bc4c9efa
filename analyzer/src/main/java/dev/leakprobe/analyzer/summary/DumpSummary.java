package dev.leakprobe.analyzer.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the analyzer keeps of one dump: small enough to cache beside it, enough to diff it against other dumps
 * without opening it again.
 *
 * @param nodes the retention-path aggregates: a tree (parent index, -1 at the top) of nodes keyed by the class of
 *     their objects under their parent node, so that nodes match across dumps although addresses move
 * @param siteCounts sampled reachable instances per allocation-site id (the agent's {@code leakprobe$site} field and
 *     {@code TrackedRef}s), by the name of the class that was sampled
 * @param source the dump this summary was made of (so that a summary can travel without its dump)
 * @param buffers the buffers that own off-heap memory, by address and node ({@code null} in a summary made without)
 */
public record DumpSummary(
        int format,
        DumpKey key,
        long objects,
        long heapBytes,
        long directBytes,
        long directCount,
        long mappedBytes,
        long mappedCount,
        List<String> warnings,
        List<ClassStats> classes,
        List<DominatorEntry> dominators,
        List<PathNode> nodes,
        Map<String, Map<Integer, Long>> siteCounts,
        DumpSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) BufferNodes buffers) {

    /** Bump whenever the content or meaning of a summary changes: older cache files are then rebuilt. */
    public static final int FORMAT = 9;

    /** A summary without buffer addresses. */
    public DumpSummary(
            int format,
            DumpKey key,
            long objects,
            long heapBytes,
            long directBytes,
            long directCount,
            long mappedBytes,
            long mappedCount,
            List<String> warnings,
            List<ClassStats> classes,
            List<DominatorEntry> dominators,
            List<PathNode> nodes,
            Map<String, Map<Integer, Long>> siteCounts,
            DumpSource source) {
        this(
                format,
                key,
                objects,
                heapBytes,
                directBytes,
                directCount,
                mappedBytes,
                mappedCount,
                warnings,
                classes,
                dominators,
                nodes,
                siteCounts,
                source,
                null);
    }

    public long offHeapBytes() {
        return directBytes + mappedBytes;
    }

    public DumpSummary withKey(DumpKey newKey) {
        return new DumpSummary(
                format,
                newKey,
                objects,
                heapBytes,
                directBytes,
                directCount,
                mappedBytes,
                mappedCount,
                warnings,
                classes,
                dominators,
                nodes,
                siteCounts,
                source,
                buffers);
    }

    public DumpSummary withSource(DumpSource newSource) {
        return new DumpSummary(
                format,
                key,
                objects,
                heapBytes,
                directBytes,
                directCount,
                mappedBytes,
                mappedCount,
                warnings,
                classes,
                dominators,
                nodes,
                siteCounts,
                newSource,
                buffers);
    }
}
