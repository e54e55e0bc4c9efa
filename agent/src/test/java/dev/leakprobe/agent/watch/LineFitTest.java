package dev.leakprobe.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LineFitTest {

    @Test
    void pointsOnALineFitItExactlyAtEpochMillisecondScale() {
        long t0 = 1_795_669_200_000L;
        long[] millis = {t0, t0 + 1000, t0 + 2000, t0 + 3000};
        long[] bytes = {5_000_000_000L, 5_000_002_000L, 5_000_004_000L, 5_000_006_000L};

        LineFit fit = LineFit.of(millis, bytes, 0, 4);

        assertThat(fit.slope()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1.0, within(1e-12));
        assertThat(fit.spanMillis()).isEqualTo(3000);
        assertThat(fit.bytesPerMinute()).isCloseTo(120_000, within(1e-6));
    }

    @Test
    void aFlatLineHasNoSlopeAndExplainsNothing() {
        LineFit fit = LineFit.of(new long[] {0, 1, 2}, new long[] {7, 7, 7}, 0, 3);
        assertThat(fit.slope()).isZero();
        assertThat(fit.r2()).isZero();
    }

    @Test
    void fewerThanTwoPointsOrOneMomentFitNoLine() {
        assertThat(LineFit.of(new long[] {5}, new long[] {1}, 0, 1).slope()).isZero();
        assertThat(LineFit.of(new long[] {5, 5}, new long[] {1, 9}, 0, 2).slope())
                .isZero();
    }

    @Test
    void aRangeFitsOnlyItsPoints() {
        long[] millis = {0, 1, 2, 3, 4, 5};
        long[] bytes = {0, 0, 0, 10, 20, 30};
        assertThat(LineFit.of(millis, bytes, 3, 6).slope()).isCloseTo(10.0, within(1e-9));
        assertThat(LineFit.of(millis, bytes, 0, 3).slope()).isZero();
    }
}
