package dev.leakprobe.agent.watch;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.dump.DumpResult;
import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.timer.AgentTimer;
import dev.leakprobe.format.schema.GrowthSeries;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
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
 * Watch mode: follows the live set after every GC and, when it grows steadily over the window
 * ({@link GrowthRule}), takes a series of {@link WatchOptions#SERIES_SIZE} dumps, trigger {@code growth}, spaced
 * {@code watch-every} apart.
 *
 * <p>The live set is the heap in use after a GC plus the direct and mapped buffers: what a heap dump can explain.
 * The GC notification adds one sample and returns. Windows are judged on the agent's timer ({@link AgentTimer},
 * whose loop survives the application's {@code OutOfMemoryError}), a tick apart ({@link WatchOptions#tick()}); the
 * same tick steps a series by polling its dump, so the watch holds no thread of its own. It never asks for a GC: it
 * reads the GCs the application has anyway (a live dump's own GC is one more sample, a true one).
 *
 * <p>After a series it waits until growth stops (a window judged without steady growth) and resumes before it takes
 * another: a leak that goes on gets one series, not one per window. A series whose dump is skipped (too little disk)
 * or fails is abandoned, and the next one waits a window.
 */
public final class GrowthWatch {

    private enum State {
        ARMED,
        SERIES,
        WAITING_FOR_PAUSE
    }

    private final WatchOptions options;
    private final DumpService dumps;
    private final GrowthRule rule;
    private final LiveSetSamples samples = new LiveSetSamples();
    private final long judgedFromMillis;
    // The fields below are touched on the timer's thread only.
    private State state = State.ARMED;
    private long seriesCount;
    private long cooldownUntilMillis;
    private Boolean lastGrowing; // null until the first judgement
    private GrowthSeries next; // in a series: the dump to take next, or the one being taken
    private CompletableFuture<DumpResult> inFlight; // its request, while the dump runs
    private long nextDueMillis;
    private long lastStartedMillis;

    private GrowthWatch(WatchOptions options, DumpService dumps) {
        this.options = options;
        this.dumps = dumps;
        this.rule = options.rule();
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
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        List<BufferPoolMXBean> buffers = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            try {
                emitter.addNotificationListener(
                        (notification, handback) -> onGc(notification, heapPools, buffers), null, null);
            } catch (RuntimeException e) {
                AgentLog.warn("watch mode cannot follow the GC '" + gc.getName() + "' (" + e + "); it judges the"
                        + " others");
            }
        }
    }

    /** On the JVM's notification thread: one sample, no allocation worth speaking of, never a throw. */
    private void onGc(Notification notification, Set<String> heapPools, List<BufferPoolMXBean> buffers) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    live += pool.getValue().getUsed();
                }
            }
            for (BufferPoolMXBean pool : buffers) {
                if (pool.getName().equals("direct") || pool.getName().equals("mapped")) {
                    live += Math.max(0, pool.getMemoryUsed());
                }
            }
            samples.add(System.currentTimeMillis(), live);
        } catch (Throwable t) {
            AgentLog.warnOnce("watch-gc", "watch mode could not read a GC (said once): " + t);
        }
    }

    /** On the agent's timer, which says once what a tick threw and runs the next one all the same. */
    void tick() {
        long now = System.currentTimeMillis();
        if (state == State.SERIES) {
            stepSeries(now); // the GCs meanwhile are kept for the next window
            return;
        }
        long window = options.window().toMillis();
        if (now < judgedFromMillis + window) {
            samples.since(judgedFromMillis); // the warm-up's GCs are never judged
            return;
        }
        LiveSetSamples.Window w = samples.since(now - window);
        GrowthRule.Judgement judgement = rule.judge(w.millis(), w.bytes(), w.count(), window, maxHeap());
        String line = describe(judgement);
        System.setProperty(AgentProperties.WATCH_LAST, line);
        boolean growing = judgement instanceof GrowthRule.Judgement.Growing;
        boolean changed = lastGrowing == null || lastGrowing != growing; // the first judgement, and each turn
        lastGrowing = growing;
        if (state == State.ARMED && judgement instanceof GrowthRule.Judgement.Growing growth) {
            if (now >= cooldownUntilMillis) {
                startSeries(growth.fit(), w);
                return;
            }
            logIf(
                    changed,
                    line + "; the last series was abandoned: the next waits until "
                            + java.time.Instant.ofEpochMilli(cooldownUntilMillis));
        } else if (state == State.WAITING_FOR_PAUSE && judgement instanceof GrowthRule.Judgement.Steady) {
            state = State.ARMED;
            AgentLog.info(line + ": growth stopped; a new series starts when it resumes");
        } else if (state == State.WAITING_FOR_PAUSE && judgement instanceof GrowthRule.Judgement.Growing) {
            logIf(
                    changed,
                    line + "; still growing since series " + seriesCount
                            + ": the next series waits until growth stops and resumes");
        } else {
            logIf(changed, line);
        }
    }

    private void logIf(boolean worthSaying, String line) {
        if (worthSaying || options.verbose()) {
            AgentLog.info(line);
        }
    }

    private void startSeries(LineFit fit, LiveSetSamples.Window w) {
        state = State.SERIES;
        long series = ++seriesCount;
        AgentLog.info("live set " + rate(fit) + " over " + SpokenDuration.of(options.window())
                + String.format(Locale.ROOT, " (r² %.2f)", fit.r2()) + ": taking " + WatchOptions.SERIES_SIZE
                + " dumps " + SpokenDuration.of(options.every()) + " apart (growth series " + series + ", "
                + fit.points() + " GCs, live set now " + mb(w.last()) + " of " + mb(maxHeap()) + " max heap)");
        next = new GrowthSeries(
                series,
                1,
                WatchOptions.SERIES_SIZE,
                fit.bytesPerMinute(),
                fit.r2(),
                options.window().toMillis(),
                fit.points());
        nextDueMillis = System.currentTimeMillis();
        stepSeries(nextDueMillis);
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
                cooldownUntilMillis = now + options.window().toMillis();
                AgentLog.warn("growth series " + next.series() + " abandoned at dump " + next.index() + " of "
                        + next.size() + " (" + result + "); the next series waits a window");
                return;
            }
            if (next.isLast()) {
                state = State.WAITING_FOR_PAUSE;
                AgentLog.info("growth series " + next.series() + " complete: " + next.size() + " dumps in "
                        + dumps.dir() + "; bin/leakprobe watch --dir " + dumps.dir() + " diffs them");
                return;
            }
            next = new GrowthSeries(
                    next.series(),
                    next.index() + 1,
                    next.size(),
                    next.bytesPerMinute(),
                    next.r2(),
                    next.windowMillis(),
                    next.gcs());
            nextDueMillis = lastStartedMillis + options.every().toMillis();
        }
        if (now >= nextDueMillis) {
            lastStartedMillis = now;
            inFlight = dumps.request(DumpTrigger.GROWTH, next);
        }
    }

    private String describe(GrowthRule.Judgement judgement) {
        LineFit fit = judgement.fit();
        String window = SpokenDuration.of(options.window());
        if (judgement instanceof GrowthRule.Judgement.TooFewGcs few) {
            return "watch: the last " + window + " not judged: " + few.reason();
        }
        String figures = "watch: live set " + rate(fit) + " over " + window
                + String.format(Locale.ROOT, " (r² %.2f, %d GCs)", fit.r2(), fit.points());
        if (judgement instanceof GrowthRule.Judgement.Steady steady) {
            return figures + ": " + steady.reason();
        }
        return figures + ": steady growth";
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

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
