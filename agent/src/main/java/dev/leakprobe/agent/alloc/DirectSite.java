package dev.leakprobe.agent.alloc;

import java.util.List;

/**
 * One place where direct buffers are allocated, with its running totals. Written under the lock of
 * {@link DirectBufferSites}; read without it by gauges, hence volatile.
 */
final class DirectSite {

    final List<String> frames;
    volatile long liveBytes;
    volatile long liveCount;
    volatile long allocatedBytes;
    volatile long allocatedCount;

    DirectSite(List<String> frames) {
        this.frames = frames;
    }

    long liveBytes() {
        return liveBytes;
    }

    long liveCount() {
        return liveCount;
    }

    String label() {
        return frames.isEmpty() ? "(unknown)" : frames.get(0);
    }

    /** A consistent copy for a sidecar or a test. */
    Snapshot snapshot() {
        return new Snapshot(frames, liveBytes, liveCount, allocatedBytes, allocatedCount);
    }

    record Snapshot(List<String> frames, long liveBytes, long liveCount, long allocatedBytes, long allocatedCount) {}
}
