package dev.leakprobe.analyzer.heap.hprof;

import java.util.Arrays;

/** Growable primitive lists: a heap dump has tens of millions of objects, and a boxed list of them is not an option. */
final class Growable {

    private Growable() {}

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

        void grow(int needed) {
            long next = Math.max(needed, (long) data.length + (data.length >> 1) + 16);
            if (next > Integer.MAX_VALUE - 16) {
                if (needed > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("more than 2^31 entries");
                }
                next = Integer.MAX_VALUE - 16;
            }
            data = Arrays.copyOf(data, (int) next);
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
                long next = Math.min(Integer.MAX_VALUE - 16, (long) data.length + (data.length >> 1) + 16);
                if (next <= size) {
                    throw new IllegalStateException("more than 2^31 entries");
                }
                data = Arrays.copyOf(data, (int) next);
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
                long next = Math.min(Integer.MAX_VALUE - 16, (long) data.length + (data.length >> 1) + 16);
                if (next <= size) {
                    throw new IllegalStateException("more than 2^31 entries");
                }
                data = Arrays.copyOf(data, (int) next);
            }
            data[size++] = value;
        }
    }
}
