package dev.leakprobe.analyzer.diff;

/**
 * When growth or size is worth reporting.
 *
 * @param minGrowthBytes a diff suspect's retained growth (heap + off-heap, last minus first) must reach this ...
 * @param minGrowthShare ... and this share of the last dump's heap plus off-heap
 * @param minHeapShare an {@code analyze} suspect retains at least this share of the heap plus off-heap
 */
public record SuspectRules(long minGrowthBytes, double minGrowthShare, double minHeapShare) {

    public static final SuspectRules DEFAULT = new SuspectRules(1 << 20, 0.01, 0.10);

    /** A count that shrinks by more than this between two dumps is no accumulation. */
    static final double MAX_SHRINK = 0.10;
}
