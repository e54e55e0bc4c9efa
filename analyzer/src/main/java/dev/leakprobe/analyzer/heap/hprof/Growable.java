package dev.leakprobe.analyzer.heap.hprof;

import java.util.Arrays;

/** Growable primitive lists: a heap dump has tens of millions of objects, and a boxed list of them is not an option. */
final class Growable {

    private static final int MAX = Integer.MAX_VALUE - 16;

    private Growable() {}

    /** The next capacity for at least {@code needed} entries: half as much again, capped below 2^31. */
    static int capacity(int current, long needed) {
        if (needed > MAX) {
            throw new IllegalStateException("more than 2^31 entries");
        }
        return (int) Math.min(MAX, Math.max(needed, (long) current + (current >> 1) + 16));
    }

    static final class Ints {
        int[] data;
        int size;

        Ints(int capacity) {
            data = new int[Math.max(4, capacity)];
        }

        void add(int value) {
            if (size == data.length) {
                grow(size + 1);
            }
            data[size++] = value;
        }

        void grow(long needed) {
            data = Arrays.copyOf(data, capacity(data.length, needed));
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    static final class Longs {
        long[] data;
        int size;

        Longs(int capacity) {
            data = new long[Math.max(4, capacity)];
        }

        void add(long value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, capacity(data.length, size + 1L));
            }
            data[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    static final class Bytes {
        byte[] data;
        int size;

        Bytes(int capacity) {
            data = new byte[Math.max(4, capacity)];
        }

        void add(byte value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, capacity(data.length, size + 1L));
            }
            data[size++] = value;
        }
    }
}
