package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A direct-buffer allocation site of a suspect, with its live buffers in the last dump.
 *
 * @param applicationFrame as in {@link AllocationSite#applicationFrame()}
 * @param sharedBy how many recorded sites share this one's library frames (a pool's site, which every caller of the
 *     pool goes through); 1 when none other does
 * @param mapped the site maps files ({@code FileChannel.map}); absent from the JSON when false
 */
public record OffHeapSite(
        List<String> frames,
        long liveBytes,
        long liveCount,
        int applicationFrame,
        int sharedBy,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean mapped) {

    public OffHeapSite(List<String> frames, long liveBytes, long liveCount, int applicationFrame, int sharedBy) {
        this(frames, liveBytes, liveCount, applicationFrame, sharedBy, false);
    }

    public OffHeapSite(List<String> frames, long liveBytes, long liveCount) {
        this(frames, liveBytes, liveCount, -1, 1);
    }
}
