package dev.leakprobe.agent.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.leakprobe.agent.log.AgentLog;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap used just after the last GC, of any kind: what the heap holds once garbage is gone, the figure that shows a
 * leak (heap used at a random moment is mostly garbage not yet collected).
 *
 * <p>From the GC notifications, not from the pools' {@code CollectionUsage}: that of the old generation changes only
 * at an old collection (measured, G1 and Parallel, JDK 17 and 25: 70 MB promoted by young GCs left it at 0), so the
 * sum of the pools' figures misses everything promoted since. After a young GC the figure holds what it promoted,
 * garbage included, until an old collection frees it: a rise between old collections is not yet a leak.
 */
final class HeapAfterGc {

    private static volatile long bytes = -1;
    private static volatile boolean listening;

    private HeapAfterGc() {}

    /** Listens to every collector, once per JVM; later calls do nothing. Never throws. */
    static synchronized void start() {
        if (listening) {
            return;
        }
        listening = true;
        try {
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toUnmodifiableSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((n, handback) -> onGc(n, heapPools), null, null);
                }
            }
        } catch (Throwable t) {
            AgentLog.warnOnce("heap-after-gc", "cannot follow the GCs, heap after GC is unknown (said once): " + t);
        }
    }

    /** @return bytes of heap used after the last GC since {@link #start}, or -1 before the first one */
    static long bytes() {
        start();
        return bytes;
    }

    /** On the JVM's notification thread: one sum, never a throw. */
    private static void onGc(Notification notification, Set<String> heapPools) {
        try {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            bytes = used;
        } catch (Throwable t) {
            try {
                AgentLog.warnOnce("heap-after-gc-read", "could not read a GC (said once): " + t);
            } catch (Throwable ignored) {
                // out of memory while saying so: the next GC tries again
            }
        }
    }
}
