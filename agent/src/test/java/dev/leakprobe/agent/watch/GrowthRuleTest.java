package dev.leakprobe.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Windows of 30 minutes with a GC every 20 s (90 samples), in a 256 MB heap, under the default thresholds. */
class GrowthRuleTest {

    private static final long MB = 1 << 20;
    private static final long WINDOW = 30 * 60_000;
    private static final long MAX_HEAP = 256 * MB;
    private static final long T0 = 1_795_669_200_000L;
    private static final GrowthRule DEFAULTS = new GrowthRule(
            GrowthRule.DEFAULT_MIN_SLOPE_PER_HOUR, GrowthRule.DEFAULT_MIN_R2, GrowthRule.DEFAULT_MIN_GCS);

    private final Random random = new Random(42);

    @Test
    void aSteadyLeakIsGrowthWithItsSlopeAndAGoodFit() {
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + t * (12 * MB / 10) / 60_000 + noise(MB / 2));

        assertThat(j).isInstanceOf(GrowthRule.Judgement.Growing.class);
        assertThat(j.fit().bytesPerMinute() / MB).isCloseTo(1.2, within(0.05));
        assertThat(j.fit().r2()).isGreaterThan(0.97);
        assertThat(j.fit().points()).isEqualTo(90);
    }

    @Test
    void aSawtoothOfACacheThatFillsAndIsClearedIsNoGrowth() {
        long period = 6 * 60_000; // fills 40 MB over 6 minutes, then is cleared: five teeth in the window
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + (t % period) * 40 * MB / period);

        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class);
        assertThat(j.fit().r2()).isLessThan(0.1);
    }

    @Test
    void aPlateauIsNoGrowth() {
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + noise(MB));

        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class);
        assertThat(((GrowthRule.Judgement.Steady) j).reason()).isEqualTo("no steady growth");
    }

    @Test
    void growthDrownedInNoiseIsNoSteadyGrowth() {
        // 36 MB over the window under GC-to-GC swings of ±40 MB: a slope, but no line fits.
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + t * (12 * MB / 10) / 60_000 + noise(40 * MB));

        assertThat(j.fit().bytesPerMinute()).isPositive();
        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class);
        assertThat(((GrowthRule.Judgement.Steady) j).reason()).contains("r² below 0.8");
    }

    @Test
    void fewGcsAreNotJudged() {
        GrowthRule.Judgement j = judge(9, t -> 100 * MB + t * MB / 60_000);

        assertThat(j).isInstanceOf(GrowthRule.Judgement.TooFewGcs.class);
        assertThat(((GrowthRule.Judgement.TooFewGcs) j).reason()).isEqualTo("9 GCs, 10 needed");
    }

    @Test
    void gcsThatCoverOnlyTheEndOfTheWindowAreNotJudged() {
        long[] millis = new long[20];
        long[] bytes = new long[20];
        for (int i = 0; i < 20; i++) {
            millis[i] = T0 + WINDOW - 60_000 + i * 3_000; // a burst in the last minute
            bytes[i] = 100 * MB + i * MB;
        }
        assertThat(DEFAULTS.judge(millis, bytes, 20, WINDOW, MAX_HEAP))
                .isInstanceOf(GrowthRule.Judgement.TooFewGcs.class);
    }

    @Test
    void oneJumpBetweenTwoPlateausIsNoSteadyGrowth() {
        GrowthRule.Judgement j = judge(90, t -> (t < WINDOW / 2 ? 100 * MB : 140 * MB) + noise(MB / 4));

        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class);
    }

    @Test
    void growthThatStoppedWithinTheWindowIsNoSteadyGrowth() {
        long stop = WINDOW * 6 / 10;
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + Math.min(t, stop) * 40 * MB / stop);

        assertThat(j.fit().r2()).isGreaterThan(0.85); // a line fits it well ...
        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class); // ... but the second half barely grows
        assertThat(((GrowthRule.Judgement.Steady) j).reason()).contains("one half of the window barely grows");
        long later = WINDOW * 8 / 10;
        assertThat(judge(90, t -> 100 * MB + Math.min(t, later) * 40 * MB / later))
                .isInstanceOf(GrowthRule.Judgement.Growing.class);
    }

    @Test
    void growthBelowTheSlopeThresholdIsNoGrowth() {
        // 1 MB an hour in a 256 MB heap is 0.4% of it an hour, below the default 1%.
        GrowthRule.Judgement j = judge(90, t -> 100 * MB + t * MB / 3_600_000);

        assertThat(j.fit().r2()).isGreaterThan(0.99);
        assertThat(j).isInstanceOf(GrowthRule.Judgement.Steady.class);
        assertThat(new GrowthRule(0.002, 0.8, 10)
                        .judge(times(90), values(90, t -> 100 * MB + t * MB / 3_600_000), 90, WINDOW, MAX_HEAP))
                .isInstanceOf(GrowthRule.Judgement.Growing.class);
    }

    @Test
    void aPerfectLineIsGrowthHoweverItsSamplesFallIntoHalves() {
        // Issue 18: "r² 1.00 ... one half of the window barely grows": 10 GCs, one of them in the first half.
        long[] millis = new long[10];
        long[] bytes = new long[10];
        millis[0] = T0;
        for (int i = 1; i < 10; i++) {
            millis[i] = T0 + WINDOW / 2 + i * (WINDOW / 2) / 10;
        }
        for (int i = 0; i < 10; i++) {
            bytes[i] = 100 * MB + (millis[i] - T0) * MB / 60_000;
        }
        GrowthRule.Judgement j = DEFAULTS.judge(millis, bytes, 10, WINDOW, MAX_HEAP);

        assertThat(j.fit().r2()).isGreaterThan(0.999);
        assertThat(j).isInstanceOf(GrowthRule.Judgement.Growing.class);
    }

    @Test
    void threeOldCollectionsOnALineByChanceAreNotEnough() {
        // A bounded cache's old collections: 16.0, 16.4, 16.9 MB in 8 s (r² 0.997): three points fit a line easily.
        GrowthRule rule = new GrowthRule(GrowthRule.DEFAULT_MIN_SLOPE_PER_HOUR, GrowthRule.DEFAULT_MIN_R2, 3);
        long[] millis = {T0, T0 + 4_000, T0 + 8_000};
        long[] bytes = {16 * MB, 16 * MB + 400 * 1024, 16 * MB + 900 * 1024}; // r² 0.997

        GrowthRule.Judgement j = rule.judge(millis, bytes, 3, 10_000, 64 * MB);

        assertThat(j.fit().r2()).isGreaterThan(0.99);
        assertThat(j).isInstanceOf(GrowthRule.Judgement.Unsure.class);
        assertThat(((GrowthRule.Judgement.Unsure) j).reason()).contains("3 samples need r² 0.999");
        assertThat(GrowthRule.significantR2(5)).isCloseTo(0.873, within(0.001));
        assertThat(GrowthRule.significantR2(10)).isLessThan(GrowthRule.DEFAULT_MIN_R2);
    }

    private GrowthRule.Judgement judge(int gcs, LongUnaryOperator liveAt) {
        return DEFAULTS.judge(times(gcs), values(gcs, liveAt), gcs, WINDOW, MAX_HEAP);
    }

    /** GCs spread evenly over the window. */
    private static long[] times(int gcs) {
        long[] millis = new long[gcs];
        for (int i = 0; i < gcs; i++) {
            millis[i] = T0 + i * WINDOW / gcs;
        }
        return millis;
    }

    private static long[] values(int gcs, LongUnaryOperator liveAt) {
        long[] millis = times(gcs);
        long[] bytes = new long[gcs];
        for (int i = 0; i < gcs; i++) {
            bytes[i] = liveAt.applyAsLong(millis[i] - T0);
        }
        return bytes;
    }

    private long noise(long amplitude) {
        return (long) ((random.nextDouble() * 2 - 1) * amplitude);
    }
}
