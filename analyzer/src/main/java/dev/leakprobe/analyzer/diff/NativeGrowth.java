package dev.leakprobe.analyzer.diff;

import dev.leakprobe.format.schema.RssParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resident set grew outside everything the JVM can name: a native leak (an {@code Inflater} never ended, a JNI
 * library's {@code malloc}) that no heap dump shows. Read from the memory ledger of {@code metrics.jsonl}, between
 * the last row before the first dump and the last row before the last dump.
 *
 * <p>The rule: rss grew, the ledger's {@code unexplained} part grew, and the smaller of the two ({@link
 * #outsideHeap}) is at least {@link #MIN_SHARE} of the rss at the start and at least {@code minGrowthBytes}; rss
 * rose in at least a third of the intervals (a leak that stops before the last dump still grew). Both must grow because committed is not resident: when a full GC gives heap
 * back, {@code unexplained} jumps while rss falls (the fixed demo server: unexplained −168 → +36 MB, rss 137 → 114
 * MB), and heap pages becoming resident raise rss while {@code unexplained} climbs from below zero only as far as
 * the committed heap.
 *
 * @param rssBefore rss at the row before the first dump
 * @param rssAfter rss at the row before the last dump
 * @param unexplainedDelta the growth of the ledger's {@code unexplained} part over the same rows
 * @param outsideHeap the smaller of the rss growth and {@code unexplainedDelta}: what grew outside heap, direct and
 *     mapped buffers, metaspace, code and thread stacks
 */
public record NativeGrowth(
        long rssBefore, long rssAfter, long unexplainedDelta, long outsideHeap, int growingIntervals, int intervals) {

    static final double MIN_SHARE = 0.05;

    public long rssDelta() {
        return rssAfter - rssBefore;
    }

    /** Native growth over the dumps of {@code timeline}, when the ledger shows it. */
    public static Optional<NativeGrowth> of(Timeline timeline, long minGrowthBytes) {
        if (timeline == null || timeline.dumpEpochMillis().length < 2) {
            return Optional.empty();
        }
        long[] marks = timeline.dumpEpochMillis();
        List<Timeline.Sample> window = window(timeline.samples(), marks[0], marks[marks.length - 1]);
        if (window.size() < 2) {
            return Optional.empty();
        }
        Timeline.Sample first = window.get(0);
        Timeline.Sample last = window.get(window.size() - 1);
        Long before = unexplained(first);
        Long after = unexplained(last);
        if (before == null || after == null) {
            return Optional.empty();
        }
        long rssDelta = last.rss() - first.rss();
        long unexplainedDelta = after - before;
        long outside = Math.min(rssDelta, unexplainedDelta);
        int growing = 0;
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).rss() > window.get(i - 1).rss()) {
                growing++;
            }
        }
        int intervals = window.size() - 1;
        boolean grew = outside >= minGrowthBytes && outside >= MIN_SHARE * first.rss() && 3 * growing >= intervals;
        return grew
                ? Optional.of(new NativeGrowth(first.rss(), last.rss(), unexplainedDelta, outside, growing, intervals))
                : Optional.empty();
    }

    /**
     * The rows with an rss and a ledger from the last at or before {@code from} (or the first) to the last at or
     * before {@code to}; a dump's own figures (its sidecar's, at the dump's mark) count as rows.
     */
    private static List<Timeline.Sample> window(List<Timeline.Sample> samples, long from, long to) {
        List<Timeline.Sample> window = new ArrayList<>();
        for (Timeline.Sample s : samples) {
            if (s.rss() == null || unexplained(s) == null || s.epochMillis() > to) {
                continue;
            }
            if (s.epochMillis() <= from) {
                window.clear();
            }
            window.add(s);
        }
        return window;
    }

    private static Long unexplained(Timeline.Sample s) {
        RssParts parts = s.rssParts();
        return parts == null ? null : parts.unexplained();
    }
}
