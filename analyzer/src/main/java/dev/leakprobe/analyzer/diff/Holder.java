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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Holder(
        String ownerClassName, String field, String containerClassName, String threadName, String threadClassName) {}
