package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

        assertThat(sites.snapshot()).containsExactly(
                new DirectSite.Snapshot(A, 50, 1, 150, 2),
                new DirectSite.Snapshot(B, 7, 1, 7, 1));
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

        assertThat(sites.snapshot()).containsExactly(new DirectSite.Snapshot(A, 100, 1, 200, 2));
        assertThat(sites.unfollowedBuffers()).isEqualTo(1);
    }
}
