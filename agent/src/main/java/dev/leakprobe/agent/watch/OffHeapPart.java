package dev.leakprobe.agent.watch;

import dev.leakprobe.agent.metrics.MemorySnapshot;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A part of the process's memory outside the heap that watch mode judges on its own, read on the agent's timer (a
 * native leak may run for minutes without a GC): the direct and mapped buffer pools, and the resident set that no
 * JVM figure explains ({@code unexplained} of the rss ledger: an {@code Inflater} never ended, a JNI library's
 * {@code malloc}).
 *
 * @param leastRise the least rise over a window that counts: the buffer pools move in buffers, the unexplained rss
 *     in malloc arenas and JIT compiler scratch (measured: a few MB either way on a quiet service)
 */
record OffHeapPart(String name, long leastRise, LiveSetSamples samples) {

    static final String DIRECT = "direct";
    static final String MAPPED = "mapped";
    static final String UNEXPLAINED = "unexplained";

    private static final long MB = 1 << 20;

    static List<OffHeapPart> all() {
        return List.of(
                new OffHeapPart(DIRECT, MB, new LiveSetSamples()),
                new OffHeapPart(MAPPED, MB, new LiveSetSamples()),
                new OffHeapPart(UNEXPLAINED, 16 * MB, new LiveSetSamples()));
    }

    /** The least time between two readings of {@code unexplained}: the ledger reads smaps (2 to 60 ms measured). */
    static final long UNEXPLAINED_EVERY_MILLIS = 10_000;

    /**
     * One reading of the parts, on the timer's thread: the buffer pools every time (a few MXBean calls), the
     * unexplained rss from the ledger at most every {@link #UNEXPLAINED_EVERY_MILLIS}.
     *
     * @param heapPeak the most the heap ever held (before a GC): the committed heap beyond it was never touched
     * @param withLedger whether to read the ledger this time
     */
    static void sample(List<OffHeapPart> parts, long now, long heapPeak, boolean withLedger) {
        long direct = 0;
        long mapped = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals(DIRECT)) {
                direct = Math.max(0, pool.getMemoryUsed());
            } else if (pool.getName().equals(MAPPED)) {
                mapped = Math.max(0, pool.getMemoryUsed());
            }
        }
        MemorySnapshot snapshot = withLedger ? MemorySnapshot.capture() : null;
        for (OffHeapPart part : parts) {
            long bytes = switch (part.name()) {
                case DIRECT -> direct;
                case MAPPED -> mapped;
                default -> snapshot == null ? Long.MIN_VALUE : unexplainedBeyondTheHeap(snapshot, heapPeak);
            };
            if (bytes != Long.MIN_VALUE) {
                part.samples().add(now, bytes);
            }
        }
    }

    /**
     * The ledger counts the committed heap, but its pages become resident only as the heap first reaches them: while
     * it grows toward its peak, {@code unexplained} rises with no native memory behind it (measured: +180 MB/min
     * over the first 10 s in 64 MB Serial, from -90 MB on G1 in 256 MB). The committed heap above the peak is taken
     * back out, so that the part judged is what neither the heap nor any other figure explains. Where smaps gives
     * the heap's resident bytes, the ledger already counts those.
     */
    private static long unexplainedBeyondTheHeap(MemorySnapshot snapshot, long heapPeak) {
        if (snapshot.rssParts() == null || snapshot.rssParts().unexplained() == null) {
            return Long.MIN_VALUE;
        }
        if (snapshot.rssParts().heapResident() != null) {
            return snapshot.rssParts().unexplained(); // the ledger counted the heap as resident, from smaps
        }
        long peak = Math.max(heapPeak, snapshot.heapUsed());
        long untouched = Math.max(0, snapshot.heapTotal() - peak);
        return snapshot.rssParts().unexplained() + untouched;
    }
}
