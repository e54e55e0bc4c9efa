package dev.leakprobe.analyzer.summary;

/**
 * One class in one dump. {@code retained} is the sum of the retained sizes of its instances whose immediate dominator
 * has no instance of the same class among its dominators: a lower bound of what the instances keep alive together, like MAT's "≥".
 */
public record ClassStats(String name, long count, long shallow, long retained) {}
