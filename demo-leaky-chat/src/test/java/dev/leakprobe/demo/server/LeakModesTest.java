package dev.leakprobe.demo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakprobe.demo.load.LoadClient;
import dev.leakprobe.demo.load.LoadOptions;
import dev.leakprobe.demo.load.LoadResult;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The four modes side by side, driven by the real load client against a server in this JVM. Heap figures are
 * "used after System.gc()", the lowest of a few tries, with bounds far from both the leaking and the flat case.
 */
class LeakModesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void leakModeKeepsEveryClosedSessionInTheRoom() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);

        LoadResult result = cycles(300);

        assertThat(result.connections()).isEqualTo(300);
        ServerStats stats = server.stats();
        assertThat(stats.members()).isEqualTo(300);
        assertThat(stats.closedMembers()).isEqualTo(300);
        assertThat(stats.sessions()).isZero();
        assertThat(stats.rooms()).isEqualTo(1);
    }

    @Test
    void fixedModeLetsEverySessionGo() throws Exception {
        server = ChatServer.start(Mode.FIXED, 0);

        LoadResult result = cycles(300);

        assertThat(result.connections()).isEqualTo(300);
        ServerStats stats = server.stats();
        assertThat(stats.members()).isZero();
        assertThat(stats.closedMembers()).isZero();
        assertThat(stats.sessions()).isZero();
        assertThat(stats.rooms()).isZero();
        assertThat(stats.accepted()).isEqualTo(300);
    }

    @Test
    void fixedModeHeapStaysFlatWhereLeakModeGrowsBySessionSizeTimesCycles() throws Exception {
        int cycles = 1500;
        long leaked = heapGrowthOver(Mode.LEAK, cycles);
        long fixed = heapGrowthOver(Mode.FIXED, cycles);
        System.out.printf(
                "heap growth after GC over %d cycles: leak %d bytes, fixed %d bytes%n", cycles, leaked, fixed);

        // Leak: every session keeps at least its read buffer (about 13 KB in all were measured).
        // Fixed: nothing per session survives (a few hundred bytes in all were measured).
        assertThat(leaked).isGreaterThan((long) cycles * ChatServer.READ_BUFFER_BYTES);
        assertThat(fixed).isLessThan(cycles * 1024L);
    }

    @Test
    void directModeGrowsTheDirectPoolWhileTheHeapStaysFlat() throws Exception {
        int cycles = 800;
        server = ChatServer.start(Mode.DIRECT, 0);
        cycles(20);
        BufferPoolMXBean direct = directPool();
        long directBefore = direct.getMemoryUsed();
        int parkedBefore = ReadBufferCache.parkedCount();
        long heapBefore = heapUsedAfterGc();

        cycles(cycles);

        long heapGrowth = heapUsedAfterGc() - heapBefore;
        System.out.printf(
                "direct mode over %d cycles: direct pool +%d bytes, heap after GC %+d bytes%n",
                cycles, direct.getMemoryUsed() - directBefore, heapGrowth);
        assertThat(ReadBufferCache.parkedCount() - parkedBefore).isEqualTo(cycles);
        assertThat(direct.getMemoryUsed() - directBefore)
                .isGreaterThanOrEqualTo((long) cycles * ChatServer.READ_BUFFER_BYTES);
        assertThat(heapGrowth).isLessThan((long) cycles * ChatServer.READ_BUFFER_BYTES / 10);
        assertThat(server.stats().members()).isZero();
        assertThat(server.stats().directBuffers()).isEqualTo(ReadBufferCache.parkedCount());
    }

    @Test
    void nativeModeGrowsRssWhileTheHeapAndTheDirectPoolStayFlat() throws Exception {
        int cycles = 600;
        server = ChatServer.start(Mode.NATIVE, 0);
        cycles(20);
        long directBefore = directPool().getMemoryUsed();
        int parkedBefore = InflaterPool.parkedCount();
        long heapBefore = heapUsedAfterGc();
        long rssBefore = rss();

        cycles(cycles);

        long heapGrowth = heapUsedAfterGc() - heapBefore;
        long rssGrowth = rss() - rssBefore;
        System.out.printf(
                "native mode over %d cycles: rss %+d bytes, heap after GC %+d bytes%n", cycles, rssGrowth, heapGrowth);
        assertThat(InflaterPool.parkedCount() - parkedBefore).isEqualTo(cycles);
        // zlib's state and 32 KB window, about 40 KB a stream (measured); the bound leaves room for rss noise.
        assertThat(rssGrowth).isGreaterThan(cycles * 20L * 1024);
        assertThat(heapGrowth).isLessThan(cycles * 1024L);
        assertThat(directPool().getMemoryUsed() - directBefore).isLessThan(64 * 1024);
        assertThat(server.stats().members()).isZero();
        assertThat(server.stats().inflaters()).isEqualTo(InflaterPool.parkedCount());
    }

    /** VmRSS of this JVM (Linux). */
    private static long rss() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private long heapGrowthOver(Mode mode, int cycles) throws Exception {
        server = ChatServer.start(mode, 0);
        try {
            cycles(100);
            long before = heapUsedAfterGc();
            cycles(cycles);
            return heapUsedAfterGc() - before;
        } finally {
            server.close();
            server = null;
        }
    }

    /** Runs {@code count} connect, join, message, quit cycles and waits until the server has closed them all. */
    private LoadResult cycles(int count) throws InterruptedException {
        LoadResult result = LoadClient.run(new LoadOptions(
                server.port(), 4, 0, Duration.ofSeconds(60), "room1", 1, count, Duration.ofSeconds(20)));
        assertThat(result.errors()).as("errors: %s", result.firstErrors()).isZero();
        assertThat(result.connections()).isEqualTo(count);
        await().atMost(PATIENCE).until(() -> server.stats().sessions() == 0);
        return result;
    }

    private static long heapUsedAfterGc() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            lowest = Math.min(
                    lowest,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    private static BufferPoolMXBean directPool() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
    }
}
