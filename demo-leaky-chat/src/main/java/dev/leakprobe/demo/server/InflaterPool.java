package dev.leakprobe.demo.server;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The native leak of {@code --mode native}: a zlib stream per connection, for clients that would send compressed
 * lines, from a pool that keeps every {@link Inflater} it hands out and never calls {@link Inflater#end()}.
 *
 * <p>Meant to be a pool, like {@link ReadBufferCache}: {@link #release(Inflater)} only resets the stream, and the
 * reuse was never written. Each inflater is primed with the first half of a compressed greeting, as a client that
 * started a compressed line would leave it, so zlib holds its state and its 32 KB window: about 40 KB of
 * {@code malloc}ed memory a connection, which no JVM figure counts (neither the heap, which holds a small
 * {@code Inflater} object, nor the direct buffer pool, nor Native Memory Tracking: zlib allocates on its own). rss
 * grows; the heap and direct memory stay flat.
 */
public final class InflaterPool {

    private static final List<Inflater> PARKED = new ArrayList<>();
    private static final byte[] HALF_A_GREETING = halfACompressedGreeting();

    private InflaterPool() {}

    public static Inflater acquire() {
        Inflater inflater = new Inflater();
        inflater.setInput(HALF_A_GREETING);
        byte[] out = new byte[1024];
        try {
            while (inflater.inflate(out) > 0) {
                // the text is of no use here; the zlib state it leaves behind is the point
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("the greeting is ours and valid", e);
        }
        synchronized (PARKED) {
            PARKED.add(inflater);
        }
        return inflater;
    }

    /** Hands a stream back. It stays parked and is never ended: see the class comment. */
    public static void release(Inflater inflater) {
        inflater.reset();
    }

    public static int parkedCount() {
        synchronized (PARKED) {
            return PARKED.size();
        }
    }

    /** 64 KB of chat text deflated, cut in the middle: an inflater given it waits for the rest. */
    private static byte[] halfACompressedGreeting() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 64 * 1024; i++) {
            text.append("MSG room1 user:").append(i).append(" hello from a compressed client\n");
        }
        Deflater deflater = new Deflater();
        deflater.setInput(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        byte[] whole = out.toByteArray();
        return Arrays.copyOf(whole, whole.length / 2);
    }
}
