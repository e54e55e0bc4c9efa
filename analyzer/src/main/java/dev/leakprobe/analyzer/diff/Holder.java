package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a user would look for a leak: the nearest field on the path that the user's own code owns
 * ({@code SessionRegistry.byToken}), the container in it ({@code ...caffeine.cache.SSMS}), and the thread at the root
 * of the path when it starts at one.
 *
 * @param ownerClassName the user's class whose field holds the container; null when no field on the path is the
 *     user's (a JDK timer's queue reached from its thread)
 * @param containerClassName the class of the object in that field, or of the accumulation point without one
 * @param threadName the thread at the root of the path; with several, the first by name
 * @param threadCount how many threads the objects' paths start at (four pooled threads, each with its ThreadLocal)
 * @param lastThreadName with several threads, the last by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Holder(
        String ownerClassName,
        String field,
        String containerClassName,
        String threadName,
        String threadClassName,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long threadCount,
        String lastThreadName) {

    /** A holder with at most one thread. */
    public Holder(
            String ownerClassName, String field, String containerClassName, String threadName, String threadClassName) {
        this(ownerClassName, field, containerClassName, threadName, threadClassName, threadName == null ? 0 : 1, null);
    }

    Holder withThreads(long count, String last) {
        return threadName == null
                ? this
                : new Holder(ownerClassName, field, containerClassName, threadName, threadClassName, count, last);
    }
}
