package dev.leakprobe.analyzer.diff;

import java.util.List;

/** The rows of {@code metrics.jsonl} of the dumps' process, and a mark at each dump. */
public record Timeline(List<Sample> samples, long[] dumpEpochMillis) {

    /** @param rss {@code null} where the OS gave no figure */
    public record Sample(long epochMillis, long heapUsed, long heapTotal, Long rss, long directUsed) {}
}
