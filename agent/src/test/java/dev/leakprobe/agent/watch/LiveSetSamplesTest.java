package dev.leakprobe.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveSetSamplesTest {

    @Test
    void fullArraysKeepTheWindowsLengthAtHalfTheDensity() {
        LiveSetSamples samples = new LiveSetSamples();
        for (int i = 0; i < 10_000; i++) {
            samples.add(i, i);
        }
        LiveSetSamples.Window all = samples.since(0);

        assertThat(all.count()).isLessThanOrEqualTo(LiveSetSamples.CAPACITY).isGreaterThan(LiveSetSamples.CAPACITY / 2);
        assertThat(all.millis()[0]).isLessThan(2_000); // still reaches back near the first GC
        assertThat(all.last()).isEqualTo(9_999);
        assertThat(all.millis()).isSorted();
    }

    @Test
    void samplesOlderThanTheWindowAreForgotten() {
        LiveSetSamples samples = new LiveSetSamples();
        for (int i = 0; i < 10; i++) {
            samples.add(i * 1000L, i);
        }
        assertThat(samples.since(7000).bytes()).containsExactly(7, 8, 9);
        assertThat(samples.since(0).count()).isEqualTo(3);
    }
}
