package dev.leakprobe.demo.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The off-heap leak of {@code --mode direct}, and the only place in the demo that allocates direct buffers, so that
 * an allocation-site tracker names {@link #acquire(int)} as the culprit.
 *
 * <p>Meant to be a pool: it keeps every buffer it hands out so that {@link #acquire(int)} could reuse a released one.
 * The reuse was never written; {@link #release(ByteBuffer)} only clears the buffer. So the static list holds every
 * direct buffer ever acquired, each one's native memory stays allocated, and rss grows while the heap (a small
 * {@code DirectByteBuffer} object per buffer) barely moves.
 */
public final class ReadBufferCache {

    private static final List<ByteBuffer> PARKED = new ArrayList<>();
    private static long parkedBytes;

    private ReadBufferCache() {}

    public static ByteBuffer acquire(int capacity) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
        synchronized (PARKED) {
            PARKED.add(buffer);
            parkedBytes += capacity;
        }
        return buffer;
    }

    /** Hands a buffer back. It stays parked: see the class comment. */
    public static void release(ByteBuffer buffer) {
        buffer.clear();
    }

    public static int parkedCount() {
        synchronized (PARKED) {
            return PARKED.size();
        }
    }

    public static long parkedBytes() {
        synchronized (PARKED) {
            return parkedBytes;
        }
    }
}
