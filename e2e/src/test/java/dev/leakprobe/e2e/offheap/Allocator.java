package dev.leakprobe.e2e.offheap;

import java.nio.ByteBuffer;

/** Allocates the buffers both owners keep: the owners never appear on the allocating stack. */
public final class Allocator {

    public static final int FRAME = 256 << 10;
    public static final int CHUNK = 192 << 10;

    private Allocator() {}

    static ByteBuffer frame() {
        return ByteBuffer.allocateDirect(FRAME);
    }

    static ByteBuffer chunk() {
        return ByteBuffer.allocateDirect(CHUNK);
    }
}
