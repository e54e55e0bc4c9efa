package dev.leakprobe.analyzer.diff;

import java.util.List;

/**
 * A direct-buffer allocation site of a suspect, with its live buffers in the last dump.
 *
 * @param applicationFrame as in {@link AllocationSite#applicationFrame()}
 * @param sharedBy how many recorded sites share this one's library frames (a pool's site, which every caller of the
 *     pool goes through); 1 when none other does
 */
public record OffHeapSite(List<String> frames, long liveBytes, long liveCount, int applicationFrame, int sharedBy) {

    public OffHeapSite(List<String> frames, long liveBytes, long liveCount) {
        this(frames, liveBytes, liveCount, -1, 1);
    }
}
