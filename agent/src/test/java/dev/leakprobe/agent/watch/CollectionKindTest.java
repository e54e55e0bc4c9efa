package dev.leakprobe.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names and actions of GC notifications, as JDK 17 and 25 send them with each collector. */
class CollectionKindTest {

    @Test
    void fullAndMajorCollectionsAreOld() {
        assertThat(CollectionKind.of("MarkSweepCompact", "end of major GC", 41, 16))
                .isEqualTo(CollectionKind.OLD);
        assertThat(CollectionKind.of("PS MarkSweep", "end of major GC", 41, 41)).isEqualTo(CollectionKind.OLD);
        assertThat(CollectionKind.of("G1 Old Generation", "end of major GC", 41, 16))
                .isEqualTo(CollectionKind.OLD);
        assertThat(CollectionKind.of("ZGC Major Cycles", "end of GC cycle", 41, 16))
                .isEqualTo(CollectionKind.OLD);
    }

    @Test
    void aCycleOfACollectorWithoutGenerationsIsOld() {
        assertThat(CollectionKind.of("ZGC Cycles", "end of GC cycle", -1, -1)).isEqualTo(CollectionKind.OLD);
        assertThat(CollectionKind.of("Shenandoah Cycles", "end of GC cycle", -1, -1))
                .isEqualTo(CollectionKind.OLD);
    }

    @Test
    void youngCollectionsAreOnlyABoundUnlessTheyShrankTheOldGeneration() {
        assertThat(CollectionKind.of("Copy", "end of minor GC", 12, 17)).isEqualTo(CollectionKind.YOUNG);
        assertThat(CollectionKind.of("PS Scavenge", "end of minor GC", 12, 17)).isEqualTo(CollectionKind.YOUNG);
        assertThat(CollectionKind.of("G1 Young Generation", "end of minor GC", 12, 17))
                .isEqualTo(CollectionKind.YOUNG);
        assertThat(CollectionKind.of("ZGC Minor Cycles", "end of GC cycle", 12, 17))
                .isEqualTo(CollectionKind.YOUNG);
        // G1's mixed collections come as "end of minor GC" of G1 Young Generation on JDK 17: the old gen shrinks.
        assertThat(CollectionKind.of("G1 Young Generation", "end of minor GC", 42, 25))
                .isEqualTo(CollectionKind.OLD);
    }

    @Test
    void pausesInsideConcurrentCyclesAreSkipped() {
        assertThat(CollectionKind.of("ZGC Pauses", "end of GC pause", -1, -1)).isEqualTo(CollectionKind.SKIP);
        assertThat(CollectionKind.of("Shenandoah Pauses", "Init Mark", -1, -1)).isEqualTo(CollectionKind.SKIP);
        assertThat(CollectionKind.of("G1 Concurrent GC", "end of concurrent GC pause", 42, 25))
                .isEqualTo(CollectionKind.SKIP);
    }

    @Test
    void oldPoolsAreKnownByName() {
        assertThat(CollectionKind.isOldPool("Tenured Gen")).isTrue();
        assertThat(CollectionKind.isOldPool("PS Old Gen")).isTrue();
        assertThat(CollectionKind.isOldPool("G1 Old Gen")).isTrue();
        assertThat(CollectionKind.isOldPool("ZGC Old Generation")).isTrue();
        assertThat(CollectionKind.isOldPool("G1 Eden Space")).isFalse();
    }
}
