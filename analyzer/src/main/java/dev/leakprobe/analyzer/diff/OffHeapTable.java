package dev.leakprobe.analyzer.diff;

import java.util.List;

/** Off-heap memory per dump, and every direct-buffer site the agent recorded, per dump, most live bytes last first. */
public record OffHeapTable(long[] direct, long[] mapped, List<Series> sites) {

    public record Series(List<String> frames, long[] liveBytes, long[] liveCount) {}
}
