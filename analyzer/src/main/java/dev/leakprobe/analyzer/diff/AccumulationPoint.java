package dev.leakprobe.analyzer.diff;

/** The object that holds the growing set, e.g. the ArrayList in field {@code members} of a {@code Room}. */
public record AccumulationPoint(String className, String field, String ownerClassName) {}
