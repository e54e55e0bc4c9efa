package dev.leakprobe.analyzer.diff;

/** In how many of the intervals between consecutive dumps the count grew. */
public record Steadiness(int growingIntervals, int intervals) {

    public double ratio() {
        return intervals == 0 ? 1 : (double) growingIntervals / intervals;
    }

    public String description() {
        return "grew in " + growingIntervals + " of " + intervals + " interval" + (intervals == 1 ? "" : "s");
    }
}
