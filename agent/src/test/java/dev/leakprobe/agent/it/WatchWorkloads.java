package dev.leakprobe.agent.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The services watch mode is judged on (issue 18), for {@code WatchIT} and {@code bench/watch-accuracy.sh}. Each
 * serves "requests" that make short-lived garbage, and keeps what it keeps in a static field named for it, the
 * holder a growth series' diff should name:
 *
 * <ul>
 *   <li>{@code slow-leak}: 100 KB/s kept in {@link #SLOW_LEAK} among 6 MB/s of garbage: few GCs, windows stretch;
 *   <li>{@code bursty-leak}: 3 MB kept in {@link #BURSTS} every 13 s, nothing in between (issue 19, item 7);
 *   <li>{@code direct-leak}: a 64 KB direct buffer kept in {@link #DIRECT_LEAK} every 50 ms (1.25 MB/s), and no
 *       heap garbage to speak of: no GCs;
 *   <li>{@code mapped-leak}: a 1 MB mapping of a file kept in {@link #MAPPED_LEAK} every 500 ms;
 *   <li>{@code lru}: a bounded LRU cache ({@link #LRU}, 4,000 entries of 4 KB) with heavy churn: each request puts
 *       a new key, which evicts the eldest, promoted to the old generation by then (the false alarm);
 *   <li>{@code warmup-flat}: a cache ({@link #WARM}) filled over the first 30 s, then only read.
 * </ul>
 */
final class WatchWorkloads {

    static final List<byte[]> SLOW_LEAK = new ArrayList<>();
    static final List<byte[]> BURSTS = new ArrayList<>();
    static final List<ByteBuffer> DIRECT_LEAK = new ArrayList<>();
    static final List<MappedByteBuffer> MAPPED_LEAK = new ArrayList<>();
    static final Map<Long, byte[]> LRU = new LinkedHashMap<>(8192, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > 4_000;
        }
    };
    static final List<byte[]> WARM = new ArrayList<>();
    static volatile Object garbage;

    private WatchWorkloads() {}

    static void run(String mode, long end) throws Exception {
        long start = System.currentTimeMillis();
        long nextBurst = start + 13_000;
        int i = 0;
        while (System.currentTimeMillis() < end) {
            switch (mode) {
                case "slow-leak" -> {
                    SLOW_LEAK.add(new byte[5120]); // 100 KB/s
                    requests(300);
                }
                case "bursty-leak" -> {
                    if (System.currentTimeMillis() >= nextBurst) {
                        for (int b = 0; b < 750; b++) {
                            BURSTS.add(new byte[4096]); // 3 MB at once
                        }
                        nextBurst += 13_000;
                    }
                    requests(1000);
                }
                case "direct-leak" -> {
                    DIRECT_LEAK.add(ByteBuffer.allocateDirect(64 * 1024));
                    Thread.sleep(50);
                }
                case "mapped-leak" -> {
                    if (i % 10 == 0) {
                        MAPPED_LEAK.add(map(MAPPED_LEAK.size()));
                    }
                    requests(100);
                }
                case "lru" -> {
                    for (int k = 0; k < 100; k++) {
                        LRU.put(ThreadLocalRandom.current().nextLong(), new byte[4096]); // 400 KB of eviction
                    }
                    requests(1000);
                }
                case "warmup-flat" -> {
                    if (System.currentTimeMillis() - start < 30_000) {
                        WARM.add(new byte[4096]); // 80 KB/s for 30 s
                    } else {
                        garbage = WARM.get(ThreadLocalRandom.current().nextInt(WARM.size()));
                    }
                    requests(1000);
                }
                default -> throw new IllegalArgumentException(mode);
            }
            i++;
        }
    }

    /**
     * {@code kb} KB of garbage, then 50 ms of waiting: a request's worth. A fifth of it is kept a while in
     * {@link #SESSIONS} (8 MB, the oldest replaced): as a service's sessions and caches do, it outlives a young GC or
     * two, is promoted and dies in the old generation, which therefore gets collected now and then.
     */
    static void requests(int kb) throws InterruptedException {
        for (int k = 0; k < kb; k++) {
            if (k % 5 == 0) {
                SESSIONS[nextSession] = new byte[1024];
                nextSession = (nextSession + 1) % SESSIONS.length;
            } else {
                garbage = new byte[1024];
            }
        }
        Thread.sleep(50);
    }

    static final byte[][] SESSIONS = new byte[8192][];
    private static int nextSession;

    private static MappedByteBuffer map(int n) throws IOException {
        Path file = Files.createTempFile("watch-mapped-" + n + "-", ".bin");
        file.toFile().deleteOnExit();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                FileChannel channel = raf.getChannel()) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, 1 << 20);
            for (int p = 0; p < buffer.capacity(); p += 4096) {
                buffer.put(p, (byte) 1); // resident, as a reader that touches what it maps
            }
            return buffer;
        }
    }
}
