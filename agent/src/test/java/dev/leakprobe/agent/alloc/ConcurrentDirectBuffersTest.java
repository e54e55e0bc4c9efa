package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real direct buffers from many threads at once through the advice: the site's totals come out exact. */
class ConcurrentDirectBuffersTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 2_000;
    private static final int HELD_PER_THREAD = 25;
    private static final int SIZE = 512;

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void eightThreadsAllocatingAndFreeingLeaveExactTotals() throws Exception {
        DirectBufferSites sites = TrackingFixture.start().direct();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ByteBuffer>>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                return churn();
            }));
        }
        start.countDown();
        List<ByteBuffer> held = new ArrayList<>();
        for (Future<List<ByteBuffer>> f : done) {
            held.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        DirectSite.Snapshot site = DirectBufferTrackingTest.siteOf(sites, "churn");
        assertThat(site.allocatedCount()).isEqualTo((long) THREADS * PER_THREAD);
        assertThat(site.allocatedBytes()).isEqualTo((long) THREADS * PER_THREAD * SIZE);
        assertThat(site.liveCount()).isEqualTo((long) THREADS * HELD_PER_THREAD);
        assertThat(site.liveBytes()).isEqualTo((long) THREADS * HELD_PER_THREAD * SIZE);

        held.forEach(Cleaners::free);
        DirectSite.Snapshot freed = DirectBufferTrackingTest.siteOf(sites, "churn");
        assertThat(freed.liveCount()).isZero();
        assertThat(freed.liveBytes()).isZero();
    }

    /** Allocates at one line, frees all but the last few on this thread (not the Reference Handler's). */
    private static List<ByteBuffer> churn() {
        Deque<ByteBuffer> recent = new ArrayDeque<>();
        for (int i = 0; i < PER_THREAD; i++) {
            recent.addLast(ByteBuffer.allocateDirect(SIZE));
            if (recent.size() > HELD_PER_THREAD) {
                Cleaners.free(recent.removeFirst());
            }
        }
        return new ArrayList<>(recent);
    }
}
