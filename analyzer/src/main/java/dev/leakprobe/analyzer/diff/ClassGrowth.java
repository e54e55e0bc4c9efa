package dev.leakprobe.analyzer.diff;

/** One class across the dumps (zero where a dump does not have it). */
public record ClassGrowth(String className, long[] count, long[] shallow, long[] retained) {

    public long countDelta() {
        return count[count.length - 1] - count[0];
    }

    public long shallowDelta() {
        return shallow[shallow.length - 1] - shallow[0];
    }

    public long retainedDelta() {
        return retained[retained.length - 1] - retained[0];
    }
}
