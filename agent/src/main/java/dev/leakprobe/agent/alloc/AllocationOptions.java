package dev.leakprobe.agent.alloc;

import java.util.List;

/**
 * What the agent records about allocation sites, parsed once from the agent options.
 *
 * @param trackDirect record where direct buffers are allocated ({@code track-direct=true|false})
 * @param trackedClasses class names, or package prefixes ending in {@code .*}, whose constructors record their
 *     allocation site ({@code track=CLASS[,CLASS...]}); empty when nothing is tracked
 * @param sample record one instance in this many ({@code sample=N}, at least 1)
 */
public record AllocationOptions(boolean trackDirect, List<String> trackedClasses, int sample) {

    public static final int DEFAULT_SAMPLE = 16;

    public AllocationOptions {
        trackedClasses = List.copyOf(trackedClasses);
        if (sample < 1) {
            throw new IllegalArgumentException("sample must be at least 1, was " + sample);
        }
    }

    public static AllocationOptions defaults() {
        return new AllocationOptions(true, List.of(), DEFAULT_SAMPLE);
    }
}
