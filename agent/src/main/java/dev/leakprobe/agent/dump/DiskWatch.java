package dev.leakprobe.agent.dump;

import java.nio.file.Path;

/**
 * Watches the dump folder's free space while HotSpot writes a dump, and takes the space back when it falls below the
 * reserve. A seam: tests replace it; the agent uses {@link ShellDiskWatch}.
 */
interface DiskWatch {

    /**
     * Starts watching before HotSpot opens {@code partial}.
     *
     * @param realPartial the dump's partial file, its folder's links resolved: the name the JVM's file descriptors show
     */
    Watching start(Path dir, Path realPartial, long reserveBytes);

    /** One dump's watch. */
    interface Watching {

        /**
         * Stops watching.
         *
         * @return the free bytes seen when the reserve was crossed (the dump is then truncated and must be deleted), or
         *     -1 when it never was
         */
        long stop();
    }

    /** No watch (tests that do not care). */
    DiskWatch NONE = (dir, partial, reserve) -> () -> -1;
}
