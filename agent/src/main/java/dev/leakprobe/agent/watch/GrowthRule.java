package dev.leakprobe.agent.watch;

/**
 * When a window of live-set samples (one per GC) shows steady growth. All of:
 * <ul>
 *   <li>at least {@code minGcs} GCs in the window, spread over at least half of it (a burst of GCs at its end says
 *       nothing of the window);
 *   <li>the least-squares slope is at least {@code minSlopePerHour} of max heap per hour: a plateau is no growth;
 *   <li>r² at least {@code minR2}: a sawtooth (a cache that fills and is cleared) and noise fit no line; and for few
 *       samples, at least what makes the slope significant at 1% ({@link #significantR2}): three old collections
 *       of a bounded cache fall on a line by chance (measured: r² 0.99 over 10 s), ten rarely do;
 *   <li>unless the line fits almost perfectly (r² {@value #NEAR_PERFECT_R2} or more), each half of the window grows
 *       by itself, at a quarter of the window's slope or more (and at least half the threshold): growth that
 *       stopped at 60% of the window still fits a line well (r² 0.88), but it has stopped. The halves are tested
 *       only when each holds {@value #MIN_HALF_POINTS} samples or more: the slope of a half with one sample is 0,
 *       which said nothing of the growth and refused perfect lines (issue 18).
 * </ul>
 *
 * @param minSlopePerHour a share of max heap, 0.01 for 1% per hour
 */
record GrowthRule(double minSlopePerHour, double minR2, int minGcs) {

    static final double DEFAULT_MIN_SLOPE_PER_HOUR = 0.01;
    static final double DEFAULT_MIN_R2 = 0.8;
    static final int DEFAULT_MIN_GCS = 10;

    /** A fit this good has not stopped growing for any part of the window worth speaking of. */
    static final double NEAR_PERFECT_R2 = 0.95;

    /** The fewest samples that give a half of the window a slope of its own. */
    static final int MIN_HALF_POINTS = 3;

    /** What one window showed. */
    sealed interface Judgement {
        /** The fit over the whole window; points 0 and slope 0 when there were no samples. */
        LineFit fit();

        /** The live set grew steadily: reason enough for a series. */
        record Growing(LineFit fit) implements Judgement {}

        /** Enough GCs to judge, and no steady growth: the reason says which test failed. */
        record Steady(LineFit fit, String reason) implements Judgement {}

        /**
         * Growth that fits a line, through too few samples to tell it from chance: a longer window (more old
         * collections) may tell.
         */
        record Unsure(LineFit fit, String reason) implements Judgement {}

        /** Too few GCs, or too little of the window covered, to judge at all. */
        record TooFewGcs(LineFit fit, String reason) implements Judgement {}
    }

    /** One-sided 99% quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T_99 = {
        31.821, 6.965, 4.541, 3.747, 3.365, 3.143, 2.998, 2.896, 2.821, 2.764, 2.718, 2.681, 2.650, 2.624, 2.602,
        2.583, 2.567, 2.552, 2.539, 2.528, 2.518, 2.508, 2.500, 2.492, 2.485, 2.479, 2.473, 2.467, 2.462, 2.457
    };

    /**
     * The least r² at which the slope of {@code n} points differs from none at the 1% level: r² = t² / (t² + n −
     * 2), with t the quantile for n − 2 degrees of freedom. 0.999 for 3 points, 0.96 for 4, 0.87 for 5, 0.50 for 10.
     */
    static double significantR2(int n) {
        if (n < 3) {
            return 1;
        }
        int df = n - 2;
        double t = df <= T_99.length ? T_99[df - 1] : 2.326 + (2.457 - 2.326) * 30.0 / df;
        return t * t / (t * t + df);
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
        double significant = significantR2(count);
        if (fit.r2() < significant) {
            return new Judgement.Unsure(
                    fit,
                    String.format(
                            java.util.Locale.ROOT,
                            "no steady growth yet (%d samples need r² %.3f: a line through so few can be chance)",
                            count,
                            significant));
        }
        if (fit.r2() >= NEAR_PERFECT_R2) {
            return new Judgement.Growing(fit);
        }
        long middle = millis[0] + fit.spanMillis() / 2;
        int split = 0;
        while (split < count && millis[split] < middle) {
            split++;
        }
        if (split < MIN_HALF_POINTS || count - split < MIN_HALF_POINTS) {
            return new Judgement.Growing(fit);
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
