package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiskReserveTest {

    @Test
    void theDefaultIsFivePercentOfTheFileSystemAndAtLeast256Mb() {
        assertThat(DiskReserve.DEFAULT.of(1L << 30)).isEqualTo(256L << 20);
        assertThat(DiskReserve.DEFAULT.of(100L << 30)).isEqualTo(5L << 30);
        assertThat(DiskReserve.DEFAULT.describe()).isEqualTo("disk-reserve: 5% of the file system, at least 256 MB");
    }

    @Test
    void aGivenReserveIsExactlyWhatWasGiven() {
        assertThat(DiskReserve.ofBytes(1L << 20).of(100L << 30)).isEqualTo(1L << 20);
        assertThat(DiskReserve.ofPercent(10).of(100L << 30)).isEqualTo(10L << 30);
        assertThat(DiskReserve.ofBytes(0).of(100L << 30)).isZero();
        assertThat(DiskReserve.ofPercent(10).describe()).isEqualTo("disk-reserve=10%");
    }

    @Test
    void theEstimateCoversTheDensestHeapAndTheSegmentCopyOfJdk22() {
        // 2.07 × heap used was measured on a heap of one-reference objects (JDK 17 and 25, compressed oops).
        long heap = 600L << 20;
        assertThat(new DumpSizeEstimate(2.1, 1).peakBytes(heap, 6000)).isGreaterThan((long) (heap * 2.07) + (7L << 20));
        assertThat(new DumpSizeEstimate(2.1, 2).peakBytes(heap, 6000))
                .isEqualTo(2 * new DumpSizeEstimate(2.1, 1).peakBytes(heap, 6000));
        DumpSizeEstimate here = DumpSizeEstimate.forThisJvm();
        assertThat(here.copies()).isEqualTo(Runtime.version().feature() >= 22 ? 2 : 1);
        assertThat(here.perHeapByte()).isBetween(1.6, 3.2);
    }
}
