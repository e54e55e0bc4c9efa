package dev.leakprobe.analyzer.diff;

/** In how many of the intervals between consecutive dumps the count grew (0 of 0 for a single dump). */
public record Steadiness(int growingIntervals, int intervals) {

    public static final Steadiness ONE_DUMP = new Steadiness(0, 0);

    public double ratio() {
        return intervals == 0 ? 1 : (double) growingIntervals / intervals;
    }
}
