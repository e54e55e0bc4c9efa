package dev.leakprobe.agent.alloc;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One place where direct buffers are allocated, with its running totals. Many threads add to it at once (the
 * allocating ones, the Reference Handler that frees): adders, not a lock, and not one contended word either.
 */
final class DirectSite extends SiteIndex.Site {

    private final LongAdder liveBytes = new LongAdder();
    private final LongAdder liveCount = new LongAdder();
    private final LongAdder allocatedBytes = new LongAdder();
    private final LongAdder allocatedCount = new LongAdder();
    /** Its buffers map files ({@code FileChannel.map}); set once, by the first one. */
    private volatile boolean mapped;

    DirectSite(SiteFrames frames) {
        super(frames);
    }

    void allocated(long capacity) {
        allocatedBytes.add(capacity);
        allocatedCount.increment();
    }

    void followed(long capacity) {
        liveBytes.add(capacity);
        liveCount.increment();
    }

    void freed(long capacity) {
        liveBytes.add(-capacity);
        liveCount.decrement();
    }

    void markMapped() {
        if (!mapped) {
            mapped = true;
        }
    }

    boolean mapped() {
        return mapped;
    }

    long liveBytes() {
        return liveBytes.sum();
    }

    long liveCount() {
        return liveCount.sum();
    }

    long allocatedCount() {
        return allocatedCount.sum();
    }

    String label() {
        return frames.isEmpty() ? "(unknown)" : frames.get(0);
    }

    /**
     * A copy for a sidecar or a test, with the addresses of its live buffers; exact once no buffer of the site is
     * being allocated or freed.
     */
    Snapshot snapshot(List<Long> addresses) {
        return new Snapshot(
                frames,
                applicationFrame,
                liveBytes(),
                liveCount(),
                allocatedBytes.sum(),
                allocatedCount(),
                mapped,
                List.copyOf(addresses));
    }

    record Snapshot(
            List<String> frames,
            int applicationFrame,
            long liveBytes,
            long liveCount,
            long allocatedBytes,
            long allocatedCount,
            boolean mapped,
            List<Long> addresses) {}
}
