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
 * @param library when the collection that grows is a library's and what grows is not the user's (a database's rows,
 *     a registry's meters): the library's package ({@code org.h2.mvstore}); else null
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
        String library,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long threadCount,
        String lastThreadName) {

    /** A holder with at most one thread. */
    public Holder(
            String ownerClassName,
            String field,
            String containerClassName,
            String threadName,
            String threadClassName,
            String library) {
        this(
                ownerClassName,
                field,
                containerClassName,
                threadName,
                threadClassName,
                library,
                threadName == null ? 0 : 1,
                null);
    }

    /** A holder whose objects are the user's, or in a collection of the JDK's or the user's. */
    public Holder(
            String ownerClassName, String field, String containerClassName, String threadName, String threadClassName) {
        this(ownerClassName, field, containerClassName, threadName, threadClassName, null);
    }

    Holder withThreads(long count, String last) {
        return threadName == null
                ? this
                : new Holder(
                        ownerClassName, field, containerClassName, threadName, threadClassName, library, count, last);
    }
}
