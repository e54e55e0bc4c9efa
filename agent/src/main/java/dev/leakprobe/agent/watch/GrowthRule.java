package dev.leakprobe.agent.watch;

/**
 * When a window of live-set samples (one per GC) shows steady growth. All of:
 * <ul>
 *   <li>at least {@code minGcs} GCs in the window, spread over at least half of it (a burst of GCs at its end says
 *       nothing of the window);
 *   <li>the least-squares slope is at least {@code minSlopePerHour} of max heap per hour: a plateau is no growth;
 *   <li>r² at least {@code minR2}: a sawtooth (a cache that fills and is cleared) and noise fit no line;
 *   <li>each half of the window grows by itself, at a quarter of the window's slope or more (and at least half the
 *       threshold): growth that stopped at 60% of the window still fits a line well (r² 0.88), but it has stopped.
 * </ul>
 *
 * @param minSlopePerHour a share of max heap, 0.01 for 1% per hour
 */
record GrowthRule(double minSlopePerHour, double minR2, int minGcs) {

    static final double DEFAULT_MIN_SLOPE_PER_HOUR = 0.01;
    static final double DEFAULT_MIN_R2 = 0.8;
    static final int DEFAULT_MIN_GCS = 10;

    /** What one window showed. */
    sealed interface Judgement {
        /** The fit over the whole window; points 0 and slope 0 when there were no samples. */
        LineFit fit();

        /** The live set grew steadily: reason enough for a series. */
        record Growing(LineFit fit) implements Judgement {}

        /** Enough GCs to judge, and no steady growth: the reason says which test failed. */
        record Steady(LineFit fit, String reason) implements Judgement {}

        /** Too few GCs, or too little of the window covered, to judge at all. */
        record TooFewGcs(LineFit fit, String reason) implements Judgement {}
    }

    /**
     * @param millis sample times, ascending, all inside the window
     * @param bytes the live set at each sample
     * @param windowMillis the window's length
     * @param maxHeap the heap's maximum, the scale of the slope threshold
     */
    Judgement judge(long[] millis, long[] bytes, int count, long windowMillis, long maxHeap) {
        LineFit fit = LineFit.of(millis, bytes, 0, count);
        if (count < minGcs) {
            return new Judgement.TooFewGcs(fit, count + " GCs, " + minGcs + " needed");
        }
        if (fit.spanMillis() < windowMillis / 2) {
            return new Judgement.TooFewGcs(fit, "the GCs cover " + fit.spanMillis() / 1000 + " s of the window");
        }
        double minBytesPerHour = minSlopePerHour * maxHeap;
        if (fit.bytesPerHour() < minBytesPerHour) {
            return new Judgement.Steady(fit, "no steady growth");
        }
        if (fit.r2() < minR2) {
            return new Judgement.Steady(fit, "no steady growth (r² below " + minR2 + ")");
        }
        long middle = millis[0] + fit.spanMillis() / 2;
        int split = 0;
        while (split < count && millis[split] < middle) {
            split++;
        }
        LineFit first = LineFit.of(millis, bytes, 0, split);
        LineFit second = LineFit.of(millis, bytes, split, count);
        double leastHalf = Math.max(minBytesPerHour / 2, fit.bytesPerHour() / 4);
        if (first.bytesPerHour() < leastHalf || second.bytesPerHour() < leastHalf) {
            return new Judgement.Steady(fit, "no steady growth (one half of the window barely grows)");
        }
        return new Judgement.Growing(fit);
    }
}
