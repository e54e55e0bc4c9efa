package dev.leakprobe.agent.alloc;

import java.util.List;

/**
 * What the agent records about allocation sites, parsed once from the agent options.
 *
 * @param trackDirect record where direct buffers are allocated ({@code track-direct=true|false})
 * @param trackedClasses class names, or package prefixes ending in {@code .*}, whose constructors record their
 *     allocation site ({@code track=CLASS[,CLASS...]}); empty when nothing is tracked
 * @param sample record one instance in this many ({@code sample=N}, at least 1)
 * @param stackDepth at most this many frames per site ({@code stack-depth=N}, from 1 to {@link #MAX_STACK_DEPTH}):
 *     sites keep 6 frames, more when needed to reach the first application frame beyond a pool or container
 */
public record AllocationOptions(boolean trackDirect, List<String> trackedClasses, int sample, int stackDepth) {

    public static final int DEFAULT_SAMPLE = 16;
    public static final int DEFAULT_STACK_DEPTH = StackCapture.DEFAULT_DEPTH;
    public static final int MAX_STACK_DEPTH = StackCapture.MAX_DEPTH;

    public AllocationOptions {
        trackedClasses = List.copyOf(trackedClasses);
        if (sample < 1) {
            throw new IllegalArgumentException("sample must be at least 1, was " + sample);
        }
        if (stackDepth < 1 || stackDepth > MAX_STACK_DEPTH) {
            throw new IllegalArgumentException(
                    "stack depth must be from 1 to " + MAX_STACK_DEPTH + ", was " + stackDepth);
        }
    }

    public AllocationOptions(boolean trackDirect, List<String> trackedClasses, int sample) {
        this(trackDirect, trackedClasses, sample, DEFAULT_STACK_DEPTH);
    }

    public static AllocationOptions defaults() {
        return new AllocationOptions(true, List.of(), DEFAULT_SAMPLE);
    }
}
