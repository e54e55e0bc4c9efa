package dev.leakprobe.agent.watch;

import java.util.Arrays;

/**
 * Samples of one figure, oldest first, in fixed arrays: a GC notification adds one sample and allocates nothing.
 * Each sample says whether it is exact (the heap after an old collection, an off-heap part read on the timer) or
 * only an upper bound (the heap after a young collection). When the arrays are full, every second sample is dropped:
 * the window keeps its length at half the density (a service doing 10 GCs a second keeps 4,096 samples, not
 * 18,000, for a 30-minute window).
 */
final class LiveSetSamples {

    static final int CAPACITY = 4096;

    private final long[] millis = new long[CAPACITY];
    private final long[] bytes = new long[CAPACITY];
    private final boolean[] exact = new boolean[CAPACITY];
    private int size;

    synchronized void add(long atMillis, long liveBytes) {
        add(atMillis, liveBytes, true);
    }

    synchronized void add(long atMillis, long liveBytes, boolean isExact) {
        if (size == CAPACITY) {
            for (int i = 0; i < CAPACITY / 2; i++) {
                millis[i] = millis[2 * i + 1];
                bytes[i] = bytes[2 * i + 1];
                exact[i] = exact[2 * i + 1];
            }
            size = CAPACITY / 2;
        }
        millis[size] = atMillis;
        bytes[size] = liveBytes;
        exact[size] = isExact;
        size++;
    }

    /** Forgets the samples older than {@code fromMillis}; those left, copied, oldest first. */
    synchronized Window since(long fromMillis) {
        int first = 0;
        while (first < size && millis[first] < fromMillis) {
            first++;
        }
        System.arraycopy(millis, first, millis, 0, size - first);
        System.arraycopy(bytes, first, bytes, 0, size - first);
        System.arraycopy(exact, first, exact, 0, size - first);
        size -= first;
        return new Window(Arrays.copyOf(millis, size), Arrays.copyOf(bytes, size), Arrays.copyOf(exact, size));
    }

    /** Samples of one window, oldest first. */
    record Window(long[] millis, long[] bytes, boolean[] exact) {
        int count() {
            return millis.length;
        }

        long last() {
            return bytes.length == 0 ? 0 : bytes[bytes.length - 1];
        }

        /** The samples at or after {@code fromMillis}. */
        Window from(long fromMillis) {
            int first = 0;
            while (first < millis.length && millis[first] < fromMillis) {
                first++;
            }
            return new Window(
                    Arrays.copyOfRange(millis, first, millis.length),
                    Arrays.copyOfRange(bytes, first, bytes.length),
                    Arrays.copyOfRange(exact, first, exact.length));
        }

        /** The exact samples alone. */
        Window exactOnly() {
            int n = exactCount();
            long[] m = new long[n];
            long[] b = new long[n];
            boolean[] e = new boolean[n];
            int j = 0;
            for (int i = 0; i < millis.length; i++) {
                if (exact[i]) {
                    m[j] = millis[i];
                    b[j] = bytes[i];
                    e[j] = true;
                    j++;
                }
            }
            return new Window(m, b, e);
        }

        int exactCount() {
            int n = 0;
            for (boolean e : exact) {
                n += e ? 1 : 0;
            }
            return n;
        }
    }
}
