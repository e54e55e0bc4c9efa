package org.example.pool;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Stands for a pooling library in tests (its own package root, {@code org.example}): hands out buffers through
 * {@link #DEPTH} frames of its own, more than a site kept before the walk learned to go past a library.
 */
public final class SlabPool {

    public static final int DEPTH = 9;

    private SlabPool() {}

    public static ByteBuffer acquire(int size) {
        return carve(() -> ByteBuffer.allocateDirect(size), DEPTH - 1);
    }

    /** Runs {@code work} under the same {@link #DEPTH} frames of the pool (a method reference adds no frame). */
    public static <T> T callInside(Supplier<T> work) {
        return carve(work, DEPTH - 1);
    }

    private static <T> T carve(Supplier<T> work, int levels) {
        return levels == 0 ? work.get() : carve(work, levels - 1);
    }
}
