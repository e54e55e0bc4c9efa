package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of a path from a GC root. {@code field} is how the previous step refers to this one ({@code "[]"} for an
 * array element, {@code null} at the root or when the reference is indirect); {@code rootKind} only at the root, and
 * {@code threadName} when the root is a thread.
 */
public record PathStep(
        String className,
        @JsonInclude(JsonInclude.Include.ALWAYS) String field,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rootKind,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean classObject,
        @JsonInclude(JsonInclude.Include.NON_NULL) String threadName) {

    public PathStep(String className, String field, String rootKind, boolean classObject) {
        this(className, field, rootKind, classObject, null);
    }
}
