package dev.leakprobe.analyzer.diff;

/** One class across the dumps (zero where a dump does not have it); deltas are last minus first. */
public record ClassGrowth(
        String className,
        long[] count,
        long[] shallow,
        long[] retained,
        long countDelta,
        long shallowDelta,
        long retainedDelta) {

    static ClassGrowth of(String className, long[] count, long[] shallow, long[] retained) {
        return new ClassGrowth(
                className,
                count,
                shallow,
                retained,
                last(count) - count[0],
                last(shallow) - shallow[0],
                last(retained) - retained[0]);
    }

    private static long last(long[] values) {
        return values[values.length - 1];
    }
}
