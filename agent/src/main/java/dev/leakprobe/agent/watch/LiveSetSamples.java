package dev.leakprobe.agent.watch;

import java.util.Arrays;

/**
 * The live set after each GC, oldest first, in two fixed arrays: a GC notification adds one sample and allocates
 * nothing. When the arrays are full, every second sample is dropped: the window keeps its length at half the
 * density (a service doing 10 GCs a second keeps 4,096 samples, not 18,000, for a 30-minute window).
 */
final class LiveSetSamples {

    static final int CAPACITY = 4096;

    private final long[] millis = new long[CAPACITY];
    private final long[] bytes = new long[CAPACITY];
    private int size;

    synchronized void add(long atMillis, long liveBytes) {
        if (size == CAPACITY) {
            for (int i = 0; i < CAPACITY / 2; i++) {
                millis[i] = millis[2 * i + 1];
                bytes[i] = bytes[2 * i + 1];
            }
            size = CAPACITY / 2;
        }
        millis[size] = atMillis;
        bytes[size] = liveBytes;
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
        size -= first;
        return new Window(Arrays.copyOf(millis, size), Arrays.copyOf(bytes, size));
    }

    /** Samples of one window, oldest first. */
    record Window(long[] millis, long[] bytes) {
        int count() {
            return millis.length;
        }

        long last() {
            return bytes.length == 0 ? 0 : bytes[bytes.length - 1];
        }
    }
}
