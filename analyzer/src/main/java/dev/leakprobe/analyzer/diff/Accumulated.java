package dev.leakprobe.analyzer.diff;

/**
 * One class of what accumulates under a holder: how many more objects of it, and how much more they retain, last
 * dump against first (objects of one class nested in each other are counted once).
 */
public record Accumulated(String className, long countDelta, long retainedDelta) {}
