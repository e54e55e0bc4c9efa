package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveBufferTableTest {

    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        LiveBufferTable table = new LiveBufferTable(100_000);
        Map<Long, DirectSite> model = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        DirectSite[] sites = {new DirectSite(SiteFrames.of(List.of("a"))), new DirectSite(SiteFrames.of(List.of("b")))};
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            if (keys.isEmpty() || random.nextInt(3) > 0) {
                long address = (random.nextInt(50_000) + 1) * 16L; // Aligned like malloc's, with collisions.
                DirectSite site = sites[random.nextInt(2)];
                assertThat(table.put(address, site)).isTrue();
                if (model.put(address, site) == null) {
                    keys.add(address);
                }
            } else {
                long address = keys.remove(random.nextInt(keys.size()));
                assertThat(table.remove(address)).isSameAs(model.remove(address));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, DirectSite> entry : model.entrySet()) {
            assertThat(table.remove(entry.getKey())).isSameAs(entry.getValue());
        }
        assertThat(table.size()).isZero();
        assertThat(table.remove(16)).isNull();
    }

    @Test
    void refusesBeyondItsBound() {
        LiveBufferTable table = new LiveBufferTable(3);
        DirectSite site = new DirectSite(SiteFrames.of(List.of("a")));
        assertThat(table.put(8, site)).isTrue();
        assertThat(table.put(16, site)).isTrue();
        assertThat(table.put(24, site)).isTrue();
        assertThat(table.put(32, site)).isFalse();
        assertThat(table.remove(16)).isSameAs(site);
        assertThat(table.put(32, site)).isTrue();
    }
}
