package dev.leakprobe.agent.watch;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.dump.DumpResult;
import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.timer.AgentTimer;
import dev.leakprobe.format.schema.GrowthSeries;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watch mode: follows the live set after GCs, and the off-heap parts on its timer, and when one of them grows
 * steadily over the window ({@link GrowthRule}) takes a series of {@link WatchOptions#SERIES_SIZE} dumps, trigger
 * {@code growth}, spaced {@code watch-every} apart.
 *
 * <p>The heap is judged from what survives old collections ({@link CollectionKind}: full, mixed, major, or any
 * cycle of a collector without generations); the heap after a young GC also holds garbage promoted to the old
 * generation, so it serves as an upper bound: it refutes growth the old collections seem to show, and judges alone
 * only a window stretched to its limit without old collections. A window that holds fewer than {@code watch-gcs}
 * GCs, or fewer than {@link #MIN_OLD} old collections, stretches by whole windows up to
 * {@link WatchOptions#MAX_STRETCH} times {@code watch}. Direct buffers, mapped buffers and the rss that no JVM figure
 * explains are read on the agent's timer (a native leak may cause no GC at all) and judged each on its own.
 *
 * <p>The GC notification adds one sample and returns. Windows are judged on the agent's timer ({@link AgentTimer},
 * whose loop survives the application's {@code OutOfMemoryError}), a tick apart ({@link WatchOptions#tick()}); the
 * same tick steps a series by polling its dump, so the watch holds no thread of its own. It never asks for a GC.
 *
 * <p>The dump budget: after a series it waits until growth stops (a judgement without steady growth) and resumes,
 * and at most one series starts per {@code watch-cooldown}: a leak that goes on, with bursts, gets one series. A
 * series whose dump is skipped (too little disk) or fails is abandoned, and the next one waits a window or the
 * cooldown, whichever is later.
 */
public final class GrowthWatch {

    /** The fewest old collections a window needs to judge the live set from them. */
    static final int MIN_OLD = 4;

    /** The fewest timer samples an off-heap part needs in a window. */
    static final int MIN_OFF_HEAP_SAMPLES = 8;

    private enum State {
        ARMED,
        SERIES,
        WAITING_FOR_PAUSE
    }

    private final WatchOptions options;
    private final DumpService dumps;
    private final GrowthRule heapRule;
    private final GrowthRule oldRule;
    private final GrowthRule offHeapRule;
    private final LiveSetSamples heap = new LiveSetSamples();
    private final List<OffHeapPart> parts = OffHeapPart.all();
    private final long judgedFromMillis;
    private long lastLedgerMillis; // on the timer's thread
    private volatile long heapPeak; // the most the heap held before a GC: how far its pages were ever touched
    // The fields below are touched on the timer's thread only.
    private State state = State.ARMED;
    private long seriesCount;
    private long nextSeriesAllowedMillis;
    private boolean stretchSaid;
    private final Map<String, String> lastStatus = new java.util.HashMap<>(); // per signal: the last judgement's kind
    private GrowthSeries next; // in a series: the dump to take next, or the one being taken
    private CompletableFuture<DumpResult> inFlight; // its request, while the dump runs
    private long nextDueMillis;
    private long lastStartedMillis;

    private GrowthWatch(WatchOptions options, DumpService dumps) {
        this.options = options;
        this.dumps = dumps;
        this.heapRule = options.rule();
        this.oldRule = new GrowthRule(options.minSlopePerHour(), options.minR2(), MIN_OLD);
        this.offHeapRule = new GrowthRule(options.minSlopePerHour(), options.minR2(), MIN_OFF_HEAP_SAMPLES);
        this.judgedFromMillis = System.currentTimeMillis() + options.warmup().toMillis();
    }

    /**
     * Listens to GCs and adds the watch's tick to {@code timer} (not started yet). A GC bean that cannot be listened
     * to is left out; the application goes on as it was.
     */
    public static GrowthWatch start(WatchOptions options, DumpService dumps, AgentTimer timer) {
        GrowthWatch watch = new GrowthWatch(options, dumps);
        watch.listenToGcs();
        timer.every(options.tick(), "the watch mode", watch::tick);
        System.setProperty(AgentProperties.WATCH, SpokenDuration.of(options.window()));
        return watch;
    }

    private void listenToGcs() {
        Set<String> heapPools = new HashSet<>();
        String oldPool = null;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
                if (CollectionKind.isOldPool(pool.getName())) {
                    oldPool = pool.getName();
                }
            }
        }
        String old = oldPool;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            try {
                emitter.addNotificationListener(
                        (notification, handback) -> onGc(notification, heapPools, old), null, null);
            } catch (RuntimeException e) {
                AgentLog.warn("watch mode cannot follow the GC '" + gc.getName() + "' (" + e + "); it judges the"
                        + " others");
            }
        }
    }

    /** On the JVM's notification thread: one sample, no allocation worth speaking of, never a throw. */
    private void onGc(Notification notification, Set<String> heapPools, String oldPool) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
            Map<String, MemoryUsage> before = info.getGcInfo().getMemoryUsageBeforeGc();
            long oldBefore = -1;
            long oldAfter = -1;
            if (oldPool != null && before.containsKey(oldPool) && after.containsKey(oldPool)) {
                oldBefore = before.get(oldPool).getUsed();
                oldAfter = after.get(oldPool).getUsed();
            }
            CollectionKind kind = CollectionKind.of(info.getGcName(), info.getGcAction(), oldBefore, oldAfter);
            if (kind == CollectionKind.SKIP) {
                return;
            }
            long held = 0;
            for (Map.Entry<String, MemoryUsage> pool : before.entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    held += pool.getValue().getUsed();
                }
            }
            if (held > heapPeak) {
                heapPeak = held; // the one notification thread writes it
            }
            long live = 0;
            for (Map.Entry<String, MemoryUsage> pool : after.entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    live += pool.getValue().getUsed();
                }
            }
            heap.add(System.currentTimeMillis(), live, kind == CollectionKind.OLD);
        } catch (Throwable t) {
            AgentLog.warnOnce("watch-gc", "watch mode could not read a GC (said once): " + t);
        }
    }

    /** On the agent's timer, which says once what a tick threw and runs the next one all the same. */
    void tick() {
        long now = System.currentTimeMillis();
        sampleOffHeap(now);
        if (state == State.SERIES) {
            stepSeries(now); // the GCs meanwhile are kept for the next window
            return;
        }
        long window = options.window().toMillis();
        if (now < judgedFromMillis + window) {
            heap.since(judgedFromMillis); // the warm-up's GCs are never judged
            return;
        }
        Verdict growing = null;
        boolean anyGrowing = false;
        for (Verdict v : judgeAll(now)) {
            boolean isGrowing = v.judgement() instanceof GrowthRule.Judgement.Growing;
            // What `leakprobe watch` shows while it waits: the live set, or a part that grows; not merely the last
            // part judged (it showed "unexplained … not judged" while the heap's own line was the news).
            if (v.part().equals(GrowthSeries.HEAP) || isGrowing) {
                System.setProperty(AgentProperties.WATCH_LAST, v.line());
            }
            anyGrowing |= isGrowing;
            if (isGrowing && growing == null) {
                growing = v;
            }
            boolean changed = !v.kind().equals(lastStatus.put(v.part(), v.kind()));
            if (!isGrowing || state == State.ARMED && now >= nextSeriesAllowedMillis) {
                logIf(changed, v.line());
            }
        }
        if (growing != null && state == State.ARMED) {
            if (now >= nextSeriesAllowedMillis) {
                startSeries(growing, now);
                return;
            }
            logIf(
                    lastStatus.put("budget", "waiting") == null,
                    growing.line() + "; the dump budget allows one growth series per watch-cooldown ("
                            + SpokenDuration.of(options.cooldown()) + "): the next may come at "
                            + at(nextSeriesAllowedMillis));
        } else if (growing != null) {
            logIf(
                    lastStatus.put("budget", "still") == null,
                    growing.line() + "; still growing since series " + seriesCount
                            + ": the next series waits until growth stops and resumes"
                            + (now < nextSeriesAllowedMillis
                                    ? ", at " + at(nextSeriesAllowedMillis) + " at the earliest"
                                    : ""));
        } else if (state == State.WAITING_FOR_PAUSE && !anyGrowing) {
            state = State.ARMED;
            lastStatus.remove("budget");
            AgentLog.info("watch: growth stopped; a new series starts when it resumes"
                    + (now < nextSeriesAllowedMillis
                            ? ", at " + at(nextSeriesAllowedMillis) + " at the earliest"
                            : ""));
        }
    }

    /** One judgement of one signal: what it said and the log line that says it. */
    private record Verdict(
            String part, GrowthRule.Judgement judgement, String line, long windowMillis, int samples, long now) {
        String kind() {
            return judgement.getClass().getSimpleName();
        }
    }

    private List<Verdict> judgeAll(long now) {
        List<Verdict> all = new java.util.ArrayList<>();
        all.add(judgeHeap(now));
        for (OffHeapPart part : parts) {
            Verdict v = judgeOffHeap(part, now);
            if (v != null) {
                all.add(v);
            }
        }
        return all;
    }

    /**
     * The live set: the window stretched, by whole windows, until it holds {@code watch-gcs} GCs of which
     * {@link #MIN_OLD} old collections; judged from the old collections, with the young ones as an upper bound.
     */
    private Verdict judgeHeap(long now) {
        long base = options.window().toMillis();
        long max = base * WatchOptions.MAX_STRETCH;
        LiveSetSamples.Window all = heap.since(Math.max(judgedFromMillis, now - max));
        long length = base;
        LiveSetSamples.Window w = all.from(now - length);
        while ((w.count() < options.minGcs() || w.exactCount() < MIN_OLD)
                && length < max
                && now - length > judgedFromMillis) {
            length += base;
            w = all.from(now - length);
        }
        if (length > base) {
            sayStretchOnce(base, all.from(now - base), length, w);
        }
        String over = SpokenDuration.of(java.time.Duration.ofMillis(length));
        if (w.count() < options.minGcs() || w.exactCount() < MIN_OLD && length < max) {
            String reason = w.count() + " GCs (" + w.exactCount() + " old collections); " + options.minGcs()
                    + " GCs and " + MIN_OLD + " old collections needed"
                    + (length < max
                            ? ", the window stretches up to " + SpokenDuration.of(java.time.Duration.ofMillis(max))
                            : "");
            GrowthRule.Judgement few =
                    new GrowthRule.Judgement.TooFewGcs(LineFit.of(w.millis(), w.bytes(), 0, w.count()), reason);
            return new Verdict(
                    GrowthSeries.HEAP,
                    few,
                    "watch: the last " + over + " not judged: " + reason,
                    length,
                    w.count(),
                    now);
        }
        if (w.exactCount() >= MIN_OLD) {
            LiveSetSamples.Window old = w.exactOnly();
            GrowthRule.Judgement j = oldRule.judge(old.millis(), old.bytes(), old.count(), length, maxHeap());
            // A line through few old collections may be chance: a longer window, with more of them, tells.
            while (j instanceof GrowthRule.Judgement.Unsure && length < max && now - length > judgedFromMillis) {
                length += base;
                w = all.from(now - length);
                old = w.exactOnly();
                j = oldRule.judge(old.millis(), old.bytes(), old.count(), length, maxHeap());
                over = SpokenDuration.of(java.time.Duration.ofMillis(length));
            }
            String signal = "signal: " + old.count() + " old collections of " + w.count() + " GCs";
            if (j instanceof GrowthRule.Judgement.Growing && refutedByBound(w, old)) {
                j = new GrowthRule.Judgement.Steady(
                        j.fit(),
                        "no steady growth (the heap after a later young GC is"
                                + " below the first old collection's live set)");
            }
            return heapVerdict(j, over, signal, length, w, now);
        }
        // Stretched to the limit without old collections: the bound is all there is.
        GrowthRule.Judgement j = heapRule.judge(w.millis(), w.bytes(), w.count(), length, maxHeap());
        String signal = "signal: the heap after " + w.count() + " GCs, " + w.exactCount()
                + " of them old: an upper bound of the live set";
        return heapVerdict(j, over, signal, length, w, now);
    }

    private Verdict heapVerdict(
            GrowthRule.Judgement j, String over, String signal, long length, LiveSetSamples.Window w, long now) {
        return new Verdict(
                GrowthSeries.HEAP, j, "watch: live set " + describe(j, over, signal), length, w.count(), now);
    }

    /** Young GCs bound the live set from above: one after the last old collection, below the first, refutes growth. */
    private static boolean refutedByBound(LiveSetSamples.Window w, LiveSetSamples.Window old) {
        long first = old.bytes()[0];
        long lastOldAt = old.millis()[old.count() - 1];
        for (int i = 0; i < w.count(); i++) {
            if (!w.exact()[i] && w.millis()[i] > lastOldAt && w.bytes()[i] < first) {
                return true;
            }
        }
        return false;
    }

    private void sayStretchOnce(long base, LiveSetSamples.Window lastBase, long length, LiveSetSamples.Window w) {
        if (stretchSaid) {
            return;
        }
        stretchSaid = true;
        AgentLog.info("watch: the last " + SpokenDuration.of(java.time.Duration.ofMillis(base)) + " held "
                + lastBase.count() + " GCs (" + lastBase.exactCount() + " old collections); windows stretch until they"
                + " hold " + options.minGcs() + " GCs and " + MIN_OLD + " old collections, up to "
                + WatchOptions.MAX_STRETCH + " × " + SpokenDuration.of(java.time.Duration.ofMillis(base)) + " = "
                + SpokenDuration.of(java.time.Duration.ofMillis(base * WatchOptions.MAX_STRETCH)) + " (now "
                + SpokenDuration.of(java.time.Duration.ofMillis(length)) + ": " + w.count() + " GCs, "
                + w.exactCount() + " old; said once)");
    }

    private void sampleOffHeap(long now) {
        try {
            boolean withLedger = now - lastLedgerMillis >= OffHeapPart.UNEXPLAINED_EVERY_MILLIS;
            if (withLedger) {
                lastLedgerMillis = now;
            }
            OffHeapPart.sample(parts, now, heapPeak, withLedger);
        } catch (Throwable t) {
            AgentLog.warnOnce("watch-offheap", "watch mode could not read the off-heap parts (said once): " + t);
        }
    }

    /** A part read on the timer: judged over the window itself, which always holds its samples. */
    private Verdict judgeOffHeap(OffHeapPart part, long now) {
        long window = options.window().toMillis();
        LiveSetSamples.Window w = part.samples().since(Math.max(judgedFromMillis, now - window));
        if (w.count() == 0) {
            return null; // never read: the part is unknown here (no rss outside Linux)
        }
        GrowthRule.Judgement j = offHeapRule.judge(w.millis(), w.bytes(), w.count(), window, maxHeap());
        if (j instanceof GrowthRule.Judgement.Growing && rise(j.fit()) < part.leastRise()) {
            j = new GrowthRule.Judgement.Steady(
                    j.fit(),
                    "no steady growth (a rise of " + mb((long) rise(j.fit())) + ", " + mb(part.leastRise())
                            + " needed)");
        }
        String over = SpokenDuration.of(options.window());
        String line = "watch: " + part.name() + " "
                + describe(j, over, "signal: " + w.count() + " samples of the agent's timer");
        return new Verdict(part.name(), j, line, window, w.count(), now);
    }

    private static double rise(LineFit fit) {
        return fit.slope() * fit.spanMillis();
    }

    private void logIf(boolean worthSaying, String line) {
        if (worthSaying || options.verbose()) {
            AgentLog.info(line);
        }
    }

    private void startSeries(Verdict v, long now) {
        state = State.SERIES;
        long series = ++seriesCount;
        if (!options.cooldown().isZero()) {
            nextSeriesAllowedMillis =
                    Math.max(nextSeriesAllowedMillis, now + options.cooldown().toMillis());
        }
        LineFit fit = v.judgement().fit();
        String what = v.part().equals(GrowthSeries.HEAP) ? "live set" : v.part();
        String samples = v.part().equals(GrowthSeries.HEAP) ? " GCs" : " samples";
        AgentLog.info(
                what + " " + rate(fit) + " over " + SpokenDuration.of(java.time.Duration.ofMillis(v.windowMillis()))
                        + String.format(Locale.ROOT, " (r² %.2f)", fit.r2()) + ": taking " + WatchOptions.SERIES_SIZE
                        + " dumps " + SpokenDuration.of(options.every()) + " apart (growth series " + series + ", "
                        + v.samples() + samples + ", " + what + " now " + mb(lastOf(v)) + " of " + mb(maxHeap())
                        + " max heap)");
        next = new GrowthSeries(
                series,
                1,
                WatchOptions.SERIES_SIZE,
                fit.bytesPerMinute(),
                fit.r2(),
                v.windowMillis(),
                v.samples(),
                v.part());
        nextDueMillis = now;
        stepSeries(now);
    }

    private long lastOf(Verdict v) {
        if (v.part().equals(GrowthSeries.HEAP)) {
            return heap.since(0).last();
        }
        for (OffHeapPart part : parts) {
            if (part.name().equals(v.part())) {
                return part.samples().since(0).last();
            }
        }
        return 0;
    }

    /**
     * One step of a series, on a tick: when its dump is done, what follows (the next dump, due {@code watch-every}
     * after the last one started; the end; or, for a dump skipped or failed, the series abandoned); when a dump is
     * due, its request.
     */
    private void stepSeries(long now) {
        if (inFlight != null) {
            if (!inFlight.isDone()) {
                return;
            }
            DumpResult result = inFlight.getNow(null);
            inFlight = null;
            if (!(result instanceof DumpResult.Written)) {
                state = State.ARMED;
                nextSeriesAllowedMillis =
                        Math.max(nextSeriesAllowedMillis, now + options.window().toMillis());
                AgentLog.warn(
                        "growth series " + next.series() + " abandoned at dump " + next.index() + " of " + next.size()
                                + " (" + result + "); the next series may come at " + at(nextSeriesAllowedMillis));
                return;
            }
            if (next.isLast()) {
                state = State.WAITING_FOR_PAUSE;
                lastStatus.clear();
                AgentLog.info("growth series " + next.series() + " complete: " + next.size() + " dumps in "
                        + dumps.dir() + "; bin/leakprobe watch --dir " + dumps.dir() + " diffs them; the next series"
                        + " waits until growth stops and resumes"
                        + (options.cooldown().isZero()
                                ? ""
                                : ", and may come at " + at(nextSeriesAllowedMillis)
                                        + " at the earliest (watch-cooldown=" + SpokenDuration.of(options.cooldown())
                                        + ")"));
                return;
            }
            next = new GrowthSeries(
                    next.series(),
                    next.index() + 1,
                    next.size(),
                    next.bytesPerMinute(),
                    next.r2(),
                    next.windowMillis(),
                    next.gcs(),
                    next.part());
            nextDueMillis = lastStartedMillis + options.every().toMillis();
        }
        if (now >= nextDueMillis) {
            lastStartedMillis = now;
            inFlight = dumps.request(DumpTrigger.GROWTH, next);
        }
    }

    /** "+1.2 MB/min over 20 s (r² 0.97, 12 GCs; signal: ...): steady growth", or why not. */
    private static String describe(GrowthRule.Judgement judgement, String over, String signal) {
        LineFit fit = judgement.fit();
        String figures = rate(fit) + " over " + over + String.format(Locale.ROOT, " (r² %.2f; %s)", fit.r2(), signal);
        if (judgement instanceof GrowthRule.Judgement.Steady steady) {
            return figures + ": " + steady.reason();
        }
        if (judgement instanceof GrowthRule.Judgement.Unsure unsure) {
            return figures + ": " + unsure.reason();
        }
        if (judgement instanceof GrowthRule.Judgement.TooFewGcs few) {
            return figures + ": not judged: " + few.reason();
        }
        return figures + ": steady growth";
    }

    private static String at(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static long maxHeap() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    }

    /** "+1.2 MB/min", "+35.0 KB/min", "-0.3 MB/min". */
    static String rate(LineFit fit) {
        double perMinute = fit.bytesPerMinute();
        String sign = perMinute < 0 ? "-" : "+";
        double abs = Math.abs(perMinute);
        if (abs >= 0.1 * (1 << 20)) {
            return String.format(Locale.ROOT, "%s%.1f MB/min", sign, abs / (1 << 20));
        }
        return String.format(Locale.ROOT, "%s%.1f KB/min", sign, abs / 1024);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
