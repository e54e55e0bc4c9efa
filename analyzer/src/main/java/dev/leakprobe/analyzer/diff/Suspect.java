package dev.leakprobe.analyzer.diff;

import java.util.List;

/**
 * A place where objects accumulate. Per-dump arrays have one entry per dump, oldest first.
 *
 * @param className the accumulating class
 * @param retained heap retained by the accumulated objects at each dump
 * @param offHeap direct-buffer memory they retain at each dump
 * @param steadiness {@code null} for a single dump
 * @param score what suspects are ranked by: retained growth (heap + off-heap), weighted by steadiness
 */
public record Suspect(
        String className,
        AccumulationPoint accumulationPoint,
        List<PathStep> path,
        String pathText,
        long[] count,
        long[] retained,
        long[] offHeap,
        Steadiness steadiness,
        String description,
        double score) {

    public long heapDelta() {
        return retained[retained.length - 1] - retained[0];
    }

    public long offHeapDelta() {
        return offHeap[offHeap.length - 1] - offHeap[0];
    }

    /** Heap plus off-heap, last dump minus first. */
    public long retainedDelta() {
        return heapDelta() + offHeapDelta();
    }
}
