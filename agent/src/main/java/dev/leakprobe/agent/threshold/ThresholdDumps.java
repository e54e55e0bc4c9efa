package dev.leakprobe.agent.threshold;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.log.Decimal;
import dev.leakprobe.agent.metrics.ProcessRss;
import dev.leakprobe.agent.timer.AgentTimer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Dumps when memory crosses a limit ({@code dump-on-heap=PERCENT}, {@code dump-on-rss=SIZE}), once per crossing.
 *
 * <p>Heap is judged after each GC (what survived it, as a share of max heap): heap used at any other moment is
 * mostly garbage and would fire on every busy minute. RSS is read once a second, a cheap file read.
 */
public final class ThresholdDumps {

    private ThresholdDumps() {}

    public static void watchHeapAfterGc(int percent, DumpService dumps) {
        Crossing crossing = new Crossing(percent);
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        // The GCs before the agent was ready count too: judge the heap as the last GC left it, once, now.
        double sinceLastGc = heapShareAfterLastGc();
        if (sinceLastGc >= 0 && crossing.crossed(sinceLastGc)) {
            AgentLog.info("heap after the last GC is " + Decimal.fixed(sinceLastGc, 0) + "% of max (dump-on-heap="
                    + percent + "%): dumping");
            dumps.request(DumpTrigger.THRESHOLD);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter)) {
                continue;
            }
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                try {
                                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                            notification.getType())) {
                                        return;
                                    }
                                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                            (CompositeData) notification.getUserData());
                                    double share =
                                            heapShareAfterGc(info.getGcInfo().getMemoryUsageAfterGc(), heapPools);
                                    if (share >= 0 && crossing.crossed(share)) {
                                        // No String.format: see Decimal (a Locale class failed in an OOM).
                                        AgentLog.info("heap after GC is " + Decimal.fixed(share, 0)
                                                + "% of max (dump-on-heap=" + percent + "%): dumping");
                                        dumps.request(DumpTrigger.THRESHOLD);
                                    }
                                } catch (Throwable t) {
                                    try {
                                        AgentLog.failedOnce("the heap threshold check", t);
                                    } catch (Throwable outOfMemory) {
                                        // even the literal above needs heap the first time; nothing reaches the JMX
                                        // thread
                                    }
                                }
                            },
                            null,
                            null);
        }
    }

    public static void watchRss(long limitBytes, DumpService dumps, AgentTimer timer) {
        Crossing crossing = new Crossing(limitBytes);
        timer.every(Duration.ofSeconds(1), "the rss threshold check", () -> {
            long rss = ProcessRss.bytes();
            if (rss >= 0 && crossing.crossed(rss)) {
                AgentLog.info("rss " + (rss >> 20) + " MB crossed dump-on-rss=" + (limitBytes >> 20) + " MB: dumping");
                dumps.request(DumpTrigger.THRESHOLD);
            }
        });
    }

    /** Heap used after the last GC of each heap pool, as a percentage of max heap; -1 when unknown. */
    private static double heapShareAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return max <= 0 || used == 0 ? -1 : 100.0 * used / max;
    }

    /** Heap used after the GC as a percentage of max heap; -1 when the heap has no max. */
    private static double heapShareAfterGc(Map<String, MemoryUsage> afterGc, Set<String> heapPools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : afterGc.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return max <= 0 ? -1 : 100.0 * used / max;
    }
}
