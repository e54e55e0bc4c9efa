package dev.leakprobe.analyzer.diff;

import java.util.List;

/**
 * Where sampled survivors of a suspect's class were allocated (agent {@code track=}).
 *
 * @param share of the sampled survivors of that class in the last dump, three decimals
 * @param applicationFrame index in {@code frames} of the first frame of the application's own code past a container
 *     or pool library (0: the top frame is; -1: unknown, e.g. an older sidecar)
 */
public record AllocationSite(List<String> frames, double share, long samples, int applicationFrame) {

    public AllocationSite(List<String> frames, double share, long samples) {
        this(frames, share, samples, -1);
    }
}
