package dev.leakprobe.analyzer.heap.hprof;

/**
 * Where each object's record starts in the dump, by dense id, in 4 bytes an object (a long took 8, issue 23): the
 * position plus one (so that a made-up object's -1 is 0) as an unsigned int, and, in a dump of 4 GB or more, a byte
 * of the high bits beside it (up to 1 TB).
 */
final class FilePositions {

    /** The largest dump these positions cover. */
    static final long MAX_DUMP_BYTES = (1L << 40) - 1;

    private final int[] low;
    private final byte[] high;

    /** @param dumpBytes the dump's length, at most {@link #MAX_DUMP_BYTES} */
    FilePositions(int objects, long dumpBytes) {
        if (dumpBytes > MAX_DUMP_BYTES) {
            throw new IllegalArgumentException("a dump of " + dumpBytes + " bytes");
        }
        low = new int[objects];
        high = dumpBytes >= 0xFFFF_FFFFL ? new byte[objects] : null;
    }

    /** @param position where the record starts, or -1 for an object that the dump does not hold */
    void set(int id, long position) {
        long stored = position + 1;
        low[id] = (int) stored;
        if (high != null) {
            high[id] = (byte) (stored >>> 32);
        }
    }

    long get(int id) {
        long top = high == null ? 0 : (high[id] & 0xFFL) << 32;
        return (top | Integer.toUnsignedLong(low[id])) - 1;
    }

    long bytesKept() {
        return 4L * low.length + (high == null ? 0 : high.length);
    }
}
