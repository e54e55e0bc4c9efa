package dev.leakprobe.analyzer.summary;

import java.util.Arrays;
import java.util.Objects;

/**
 * Every direct and mapped buffer of a dump that owns its memory, by its native address: what the analyzer joins to
 * the agent's direct-buffer sites, whose sidecar lists the same addresses. Parallel arrays, one entry per buffer.
 *
 * @param addresses the buffer's {@code address} field (where its memory starts)
 * @param capacities its {@code capacity}
 * @param nodes the index in {@link DumpSummary#nodes()} of the buffer's node, or of its nearest kept ancestor when its
 *     own node was too small to keep; -1 when none was kept
 */
public record BufferNodes(long[] addresses, long[] capacities, int[] nodes) {

    public int size() {
        return addresses.length;
    }

    /** By content: a summary read back equals the one written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BufferNodes b
                && Arrays.equals(addresses, b.addresses)
                && Arrays.equals(capacities, b.capacities)
                && Arrays.equals(nodes, b.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(addresses), Arrays.hashCode(capacities), Arrays.hashCode(nodes));
    }

    @Override
    public String toString() {
        return "BufferNodes[" + addresses.length + " buffers]";
    }
}
