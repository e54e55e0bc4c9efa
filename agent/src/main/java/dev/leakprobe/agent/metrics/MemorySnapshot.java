package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.log.Decimal;
import dev.leakprobe.format.schema.MemoryFigures;
import dev.leakprobe.format.schema.RssParts;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;

/**
 * The JVM's memory figures at one moment, in bytes: one metrics.jsonl row, and the {@code memory} of a dump sidecar.
 *
 * <p>Read straight from the platform MXBeans, the same sources Micrometer's JVM binders read, so that dumps carry
 * their figures even with {@code metrics=off} and no registry.
 *
 * @param rss resident set size, -1 when unknown
 * @param heapMax -1 when the heap has no defined maximum
 * @param rssParts what the resident set is made of ({@link RssLedger}); null where not measured
 * @param heapAfterGc heap used after the last GC ({@link HeapAfterGc}), -1 before the first one
 */
public record MemorySnapshot(
        Instant time,
        long pid,
        long heapUsed,
        long heapTotal,
        long heapMax,
        long rss,
        long directUsed,
        long directCount,
        long mappedUsed,
        long mappedCount,
        long nonHeapUsed,
        long metaspaceUsed,
        long gcCount,
        long gcTimeMillis,
        RssParts rssParts,
        long heapAfterGc) {

    public static MemorySnapshot capture() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long directUsed = 0;
        long directCount = 0;
        long mappedUsed = 0;
        long mappedCount = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                directUsed = pool.getMemoryUsed();
                directCount = pool.getCount();
            } else if (pool.getName().equals("mapped")) {
                mappedUsed = pool.getMemoryUsed();
                mappedCount = pool.getCount();
            }
        }
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        long rss = ProcessRss.bytes();
        return new MemorySnapshot(
                Instant.now(),
                ProcessHandle.current().pid(),
                heap.getUsed(),
                heap.getCommitted(),
                heap.getMax(),
                rss,
                directUsed,
                directCount,
                mappedUsed,
                mappedCount,
                nonHeap.getUsed(),
                metaspace,
                gcCount,
                gcTime,
                RssLedger.capture(rss, heap.getCommitted(), directUsed, mappedUsed),
                HeapAfterGc.bytes());
    }

    /** The figures as the format module writes them: a metrics.jsonl row, a sidecar's {@code memory}. */
    public MemoryFigures figures() {
        return new MemoryFigures(
                time.toEpochMilli(),
                pid,
                heapUsed,
                heapTotal,
                heapMax,
                rss,
                directUsed,
                directCount,
                mappedUsed,
                mappedCount,
                nonHeapUsed,
                metaspaceUsed,
                gcCount,
                gcTimeMillis,
                rssParts,
                heapAfterGc);
    }

    public String toJsonLine() {
        return figures().toJsonLine();
    }

    /**
     * The line in the spirit of Node's {@code process.memoryUsage()}, with the part of rss that no JVM figure
     * explains last: what a native leak grows.
     */
    public String toHumanLine() {
        return "heapTotal " + mb(heapTotal) + " heapUsed " + mb(heapUsed)
                + " rss " + (rss < 0 ? "n/a" : mb(rss))
                + " direct " + mb(directUsed) + " (" + directCount + (directCount == 1 ? " buffer)" : " buffers)")
                + (rssParts == null || rssParts.unexplained() == null
                        ? ""
                        : " unexplained " + mb(rssParts.unexplained()));
    }

    static String mb(long bytes) {
        return Decimal.mb(bytes, 2);
    }
}
