package dev.leakprobe.agent.watch;

import dev.leakprobe.agent.metrics.MemorySnapshot;
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

    /**
     * One reading of every part, on the timer's thread: the same figures a metrics row holds.
     *
     * @param heapPeak the most the heap ever held (before a GC): the committed heap beyond it was never touched
     */
    static void sample(List<OffHeapPart> parts, long now, long heapPeak) {
        MemorySnapshot snapshot = MemorySnapshot.capture();
        for (OffHeapPart part : parts) {
            long bytes = part.read(snapshot, heapPeak);
            if (bytes != Long.MIN_VALUE) {
                part.samples().add(now, bytes);
            }
        }
    }

    /** @return {@link Long#MIN_VALUE} when unknown here */
    private long read(MemorySnapshot snapshot, long heapPeak) {
        return switch (name) {
            case DIRECT -> Math.max(0, snapshot.directUsed());
            case MAPPED -> Math.max(0, snapshot.mappedUsed());
            default -> unexplainedBeyondTheHeap(snapshot, heapPeak);
        };
    }

    /**
     * The ledger counts the committed heap, but its pages become resident only as the heap first reaches them: while
     * it grows toward its peak, {@code unexplained} rises with no native memory behind it (measured: +180 MB/min
     * over the first 10 s in 64 MB Serial, from -90 MB on G1 in 256 MB). The committed heap above the peak is taken
     * back out, so that the part judged is what neither the heap nor any other figure explains.
     */
    private static long unexplainedBeyondTheHeap(MemorySnapshot snapshot, long heapPeak) {
        if (snapshot.rssParts() == null || snapshot.rssParts().unexplained() == null) {
            return Long.MIN_VALUE;
        }
        long peak = Math.max(heapPeak, snapshot.heapUsed());
        long untouched = Math.max(0, snapshot.heapTotal() - peak);
        return snapshot.rssParts().unexplained() + untouched;
    }
}
