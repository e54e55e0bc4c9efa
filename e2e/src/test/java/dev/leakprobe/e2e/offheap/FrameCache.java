package dev.leakprobe.e2e.offheap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** One owner of leaked direct buffers: it keeps them, {@link Allocator} allocates them. */
public final class FrameCache {

    public static final List<ByteBuffer> FRAMES = new ArrayList<>();

    private FrameCache() {}
}
