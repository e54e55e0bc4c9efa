package dev.leakprobe.e2e.offheap;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/** The other owner of leaked direct buffers, also allocated by {@link Allocator}. */
public final class UploadSpool {

    public static final Deque<ByteBuffer> CHUNKS = new ArrayDeque<>();

    private UploadSpool() {}
}
