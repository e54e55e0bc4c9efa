package dev.leakprobe.agent.watch;

/**
 * An ordinary least-squares line through points (time, bytes), and how well it fits.
 *
 * @param slope bytes per millisecond
 * @param r2 the coefficient of determination, from 0 (the line explains none of the spread) to 1 (every point on
 *     it); 0 when the values do not vary at all (a flat line explains nothing: there is nothing to explain)
 * @param points how many points the line goes through
 * @param spanMillis the time from the first point to the last
 */
record LineFit(double slope, double r2, int points, long spanMillis) {

    /** Fits points {@code from} (inclusive) to {@code to} (exclusive) of the arrays; fewer than two fit no line. */
    static LineFit of(long[] millis, long[] bytes, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return new LineFit(0, 0, Math.max(0, n), 0);
        }
        // Centred on the first point: epoch milliseconds squared would lose every digit that matters in a double.
        long t0 = millis[from];
        long y0 = bytes[from];
        double meanT = 0;
        double meanY = 0;
        for (int i = from; i < to; i++) {
            meanT += millis[i] - t0;
            meanY += bytes[i] - y0;
        }
        meanT /= n;
        meanY /= n;
        double stt = 0;
        double sty = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            double dt = millis[i] - t0 - meanT;
            double dy = bytes[i] - y0 - meanY;
            stt += dt * dt;
            sty += dt * dy;
            syy += dy * dy;
        }
        long span = millis[to - 1] - t0;
        if (stt == 0) {
            return new LineFit(0, 0, n, span); // every point at the same moment: no slope to tell
        }
        double slope = sty / stt;
        double r2 = syy == 0 ? 0 : (sty * sty) / (stt * syy);
        return new LineFit(slope, r2, n, span);
    }

    double bytesPerMinute() {
        return slope * 60_000;
    }

    double bytesPerHour() {
        return slope * 3_600_000;
    }
}
