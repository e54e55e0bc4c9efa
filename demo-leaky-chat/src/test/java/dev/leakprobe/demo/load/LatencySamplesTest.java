package dev.leakprobe.demo.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void mergesAndTakesNearestRankPercentiles() {
        LatencySamples a = new LatencySamples();
        LatencySamples b = new LatencySamples();
        for (int i = 1; i <= 2000; i++) {
            (i % 2 == 0 ? a : b).add(i);
        }
        long[] sorted = LatencySamples.mergeSorted(List.of(a, b));

        assertThat(sorted).hasSize(2000).startsWith(1, 2, 3).endsWith(1999, 2000);
        assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(1000);
        assertThat(LatencySamples.percentile(sorted, 99)).isEqualTo(1980);
        assertThat(LatencySamples.percentile(new long[0], 99)).isZero();
    }
}
