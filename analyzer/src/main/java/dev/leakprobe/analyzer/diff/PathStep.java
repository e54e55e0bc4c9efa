package dev.leakprobe.analyzer.diff;

/**
 * One step of a path from a GC root. {@code field} is how the previous step refers to this one ({@code "[]"} for an
 * array element, {@code null} at the root or when the reference is indirect); {@code rootKind} only at the root.
 */
public record PathStep(String className, String field, String rootKind, boolean classObject) {}
