package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DirectBufferSitesTest {

    private static final List<String> A = List.of("app.A.alloc(A.java:1)");
    private static final List<String> B = List.of("app.B.alloc(B.java:2)");
    private static final List<String> C = List.of("app.C.alloc(C.java:3)");

    @Test
    void aggregatesBySiteAndSubtractsFreesByAddress() {
        DirectBufferSites sites = new DirectBufferSites(10, 100);
        sites.record(A, 0x1000, 100);
        sites.record(A, 0x2000, 50);
        sites.record(B, 0x3000, 7);
        sites.freed(0x1000, 100);
        sites.freed(0x9000, 5); // Allocated before tracking started: ignored.

        assertThat(sites.snapshot())
                .containsExactly(
                        new DirectSite.Snapshot(A, 0, 50, 1, 150, 2, false, List.of(0x2000L)),
                        new DirectSite.Snapshot(B, 0, 7, 1, 7, 1, false, List.of(0x3000L)));
        assertThat(sites.totalLiveBytes()).isEqualTo(57);
    }

    @Test
    void evictsTheSiteWithFewestLiveBytesWhenFullAndCountsIt() {
        DirectBufferSites sites = new DirectBufferSites(2, 100);
        sites.record(A, 0x1000, 100);
        sites.record(B, 0x2000, 10);
        sites.record(C, 0x3000, 1000);

        assertThat(sites.snapshot()).extracting(DirectSite.Snapshot::frames).containsExactly(C, A);
        assertThat(sites.droppedSites()).isEqualTo(1);
        sites.freed(0x2000, 10); // Its site is gone: the free is harmless.
        assertThat(sites.totalLiveBytes()).isEqualTo(1100);
    }

    @Test
    void buffersBeyondTheLiveBoundCountAsAllocatedButNotLive() {
        DirectBufferSites sites = new DirectBufferSites(10, 1);
        sites.record(A, 0x1000, 100);
        sites.record(A, 0x2000, 100);

        assertThat(sites.snapshot())
                .containsExactly(new DirectSite.Snapshot(A, 0, 100, 1, 200, 2, false, List.of(0x1000L)));
        assertThat(sites.unfollowedBuffers()).isEqualTo(1);
    }

    @Test
    void manyThreadsRecordingAndFreeingAtOnceKeepTheTotalsExact() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        int keptPerThread = 100;
        DirectBufferSites sites = new DirectBufferSites(10, 1 << 20);
        List<List<String>> shared = List.of(A, B, C);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = (t + 1L) << 32;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    long address = base + i * 16L;
                    sites.record(shared.get(i % 3), address, 10);
                    if (i >= keptPerThread) { // Frees lag behind, as the Reference Handler's do.
                        sites.freed(address - keptPerThread * 16L, 10);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        long allocated = 0;
        long live = 0;
        for (DirectSite.Snapshot site : sites.snapshot()) {
            allocated += site.allocatedCount();
            live += site.liveCount();
            assertThat(site.liveBytes()).isEqualTo(site.liveCount() * 10);
        }
        assertThat(allocated).isEqualTo((long) threads * perThread);
        assertThat(live).isEqualTo((long) threads * keptPerThread);
        assertThat(sites.totalLiveBytes()).isEqualTo(threads * keptPerThread * 10L);
        assertThat(sites.unfollowedBuffers()).isZero();
        assertThat(sites.droppedSites()).isZero();
    }
}
