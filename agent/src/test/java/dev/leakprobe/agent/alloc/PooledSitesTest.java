package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.example.pool.SlabPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How deep a site goes: past a pool's frames (another package root, {@link SlabPool}) to the application frame
 * that called it, and no deeper than needed when the allocating code is the application's own.
 */
class PooledSitesTest {

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void aSiteInsideAPoolReachesAndMarksTheApplicationFrameThatCalledIt() {
        DirectBufferSites sites = TrackingFixture.start().direct();
        List<ByteBuffer> held = allocateThroughThePool();

        DirectSite.Snapshot site = sites.snapshot().stream()
                .filter(s -> s.frames().stream().anyMatch(f -> f.contains(".allocateThroughThePool(")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no site reaches the caller: " + sites.snapshot()));
        assertThat(site.frames().get(0)).startsWith(SlabPool.class.getName() + ".lambda$acquire$");
        assertThat(site.applicationFrame())
                .as("the lambda, %s carving frames, acquire", SlabPool.DEPTH)
                .isEqualTo(SlabPool.DEPTH + 2);
        assertThat(site.frames().subList(0, site.applicationFrame()))
                .allMatch(f -> f.startsWith(SlabPool.class.getName()));
        assertThat(site.frames().get(site.applicationFrame()))
                .startsWith(PooledSitesTest.class.getName() + ".allocateThroughThePool(PooledSitesTest.java:");
        assertThat(site.frames())
                .as("the application frame and its caller")
                .hasSize(SlabPool.DEPTH + 4)
                .last()
                .asString()
                .contains(".aSiteInsideAPoolReachesAndMarksTheApplicationFrameThatCalledIt(");
        assertThat(site.liveCount()).isEqualTo(3);
        held.forEach(Cleaners::free);
    }

    @Test
    void theApplicationsOwnAllocationMarksItsTopFrame() throws Exception {
        StackCapture stacks = new StackCapture(StackCapture.DEFAULT_DEPTH);
        List<StackCapture.Capture> captured = new ArrayList<>();
        Thread thread = new Thread(() -> captured.add(stacks.directBufferSite()), "app-worker");
        thread.start();
        thread.join();
        SiteFrames frames = captured.get(0).formatted();

        assertThat(frames.frames().get(0)).startsWith(PooledSitesTest.class.getName() + ".lambda$");
        assertThat(frames.frames()).hasSize(2).last().asString().startsWith("java.lang.Thread.run(");
        assertThat(frames.applicationFrame()).isZero();
    }

    @Test
    void aCaptureInsideThePoolGoesToTheCallerOrStopsAtTheDepth() {
        SiteFrames deep = SlabPool.callInside(new StackCapture(StackCapture.DEFAULT_DEPTH)::directBufferSite)
                .formatted();
        assertThat(deep.frames()).hasSize(SlabPool.DEPTH + 3);
        assertThat(deep.applicationFrame()).isEqualTo(SlabPool.DEPTH + 1);
        assertThat(deep.frames().get(deep.applicationFrame()))
                .contains(".aCaptureInsideThePoolGoesToTheCallerOrStopsAtTheDepth(");

        SiteFrames capped =
                SlabPool.callInside(new StackCapture(3)::directBufferSite).formatted();
        assertThat(capped.frames()).hasSize(3).allMatch(f -> f.startsWith(SlabPool.class.getName() + ".carve("));
        assertThat(capped.applicationFrame())
                .as("no other code within the depth: taken as the application's")
                .isZero();
    }

    private static List<ByteBuffer> allocateThroughThePool() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            buffers.add(SlabPool.acquire(4096));
        }
        return buffers;
    }
}
