package dev.leakprobe.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryTrackingTest {

    /** The head of {@code VM.native_memory summary} on JDK 25 (JDK 17 prints the same category lines). */
    private static final String SUMMARY = """

            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=7840967KB, committed=478043KB
                   malloc: 9599KB #16307
                   mmap:   reserved=7831368KB, committed=468444KB

            -                 Java Heap (reserved=6172672KB, committed=393216KB)
                                        (mmap: reserved=6172672KB, committed=393216KB)

            -                    Thread (reserved=18490KB, committed=782KB)
                                        (thread #18)
                                        (stack: reserved=18432KB, committed=724KB, peak=724KB)

            -                        GC (reserved=158283KB, committed=45403KB)
            -    Native Memory Tracking (reserved=979KB, committed=979KB)
            -        Shared class space (reserved=16384KB, committed=13908KB, readonly=0KB)
            """;

    @Test
    void eachCategoryIsItsCommittedBytesAndTheTotalIsNoCategory() {
        assertThat(NativeMemoryTracking.parse(SUMMARY))
                .containsExactly(
                        entry("Java Heap", 393216),
                        entry("Thread", 782),
                        entry("GC", 45403),
                        entry("Native Memory Tracking", 979),
                        entry("Shared class space", 13908));
    }

    @Test
    void thisJvmRunsWithoutTrackingAndIsNeverAsked() {
        assertThat(NativeMemoryTracking.isOn()).isFalse();
        assertThat(NativeMemoryTracking.committedByCategory()).isEmpty();
    }

    private static java.util.Map.Entry<String, Long> entry(String category, long kilobytes) {
        return java.util.Map.entry(category, kilobytes * 1024);
    }
}
