package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedSitesTest {

    private static final List<String> A = List.of("app.A.make(A.java:1)");
    private static final List<String> B = List.of("app.B.make(B.java:2)");
    private static final List<String> C = List.of("app.C.make(C.java:3)");

    @Test
    void idsAreStableAndNeverReused() {
        TrackedSites sites = new TrackedSites(2);
        int a = sites.idOf(A);
        sites.idOf(A);
        int b = sites.idOf(B);
        assertThat(sites.idOf(A)).isEqualTo(a);
        assertThat(b).isNotEqualTo(a).isPositive();

        int c = sites.idOf(C); // Evicts B, the least sampled.
        assertThat(c).isNotIn(a, b);
        assertThat(sites.droppedSites()).isEqualTo(1);
        assertThat(sites.snapshot()).extracting(TrackedSites.Snapshot::id).containsExactly(a, c);
        assertThat(sites.idOf(B))
                .as("a site seen again after eviction gets a new id")
                .isNotIn(a, b, c);
    }
}
