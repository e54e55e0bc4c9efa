package dev.leakprobe.analyzer.diff;

import java.util.List;

/**
 * Where sampled survivors of a suspect's class were allocated (agent {@code track=}).
 *
 * @param share of the sampled survivors of that class in the last dump, three decimals
 */
public record AllocationSite(List<String> frames, double share, long samples) {}
