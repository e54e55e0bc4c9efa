package dev.leakprobe.demo.load;

import java.util.Arrays;

/** Round-trip times of one worker, in nanoseconds; merged and sorted once at the end. Not thread-safe. */
final class LatencySamples {

    private long[] nanos = new long[1024];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    int size() {
        return size;
    }

    static long[] mergeSorted(Iterable<LatencySamples> all) {
        int total = 0;
        for (LatencySamples samples : all) {
            total += samples.size;
        }
        long[] merged = new long[total];
        int at = 0;
        for (LatencySamples samples : all) {
            System.arraycopy(samples.nanos, 0, merged, at, samples.size);
            at += samples.size;
        }
        Arrays.sort(merged);
        return merged;
    }

    /** Nearest-rank percentile of sorted values, 0 when there are none. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
