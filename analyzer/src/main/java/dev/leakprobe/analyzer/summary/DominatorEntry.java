package dev.leakprobe.analyzer.summary;

/** One of the biggest objects at the top of the dominator tree. */
public record DominatorEntry(String className, String label, long shallow, long retained, long offHeap) {}
