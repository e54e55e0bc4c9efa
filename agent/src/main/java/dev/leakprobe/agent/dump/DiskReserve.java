package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.Decimal;

/**
 * How much of the dump folder's file system must stay free, dump or no dump: the {@code disk-reserve} option. A dump
 * that would eat into it is skipped, and one that eats into it while it is written is aborted and deleted.
 *
 * @param bytes a fixed reserve
 * @param percent a share of the file system's size; the reserve is the larger of the two
 */
public record DiskReserve(long bytes, int percent) {

    /** The default: 5% of the file system, and at least 256 MB (what the system and the application still need). */
    public static final DiskReserve DEFAULT = new DiskReserve(256L << 20, 5);

    public DiskReserve {
        if (bytes < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("bad reserve: " + bytes + " bytes, " + percent + "%");
        }
    }

    public static DiskReserve ofBytes(long bytes) {
        return new DiskReserve(bytes, 0);
    }

    public static DiskReserve ofPercent(int percent) {
        return new DiskReserve(0, percent);
    }

    /** The reserve on a file system of {@code totalBytes}. */
    public long of(long totalBytes) {
        return Math.max(bytes, totalBytes / 100 * percent);
    }

    /** As the option would say it, for log lines. */
    public String describe() {
        if (equals(DEFAULT)) {
            return "disk-reserve: " + percent + "% of the file system, at least " + (bytes >> 20) + " MB";
        }
        return "disk-reserve=" + (percent > 0 ? percent + "%" : Decimal.mb(bytes, 1));
    }
}
