package dev.leakprobe.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    /** Three mappings of a JVM's smaps: a library, the heap (its committed part), an anonymous arena. */
    static final String SMAPS = """
            7f0000000000-7f0000200000 r-xp 00000000 08:01 1234                       /usr/lib/jvm/lib/server/libjvm.so
            Size:               2048 kB
            Rss:                1500 kB
            Anonymous:             0 kB
            VmFlags: rd ex mr mw me sd
            f0000000-f4000000 rw-p 00000000 00:00 0
            Size:              65536 kB
            Rss:               40000 kB
            Anonymous:         40000 kB
            f4000000-100000000 ---p 00000000 00:00 0
            Size:             196608 kB
            Rss:                   0 kB
            Anonymous:             0 kB
            7f1000000000-7f1000100000 rw-p 00000000 00:00 0
            Size:               1024 kB
            Rss:                 600 kB
            Anonymous:           500 kB
            """;

    @Test
    void theHeapIsTheMappingsInItsRangeAndFilesAreRssLessAnonymous() throws IOException {
        ResidentMemory resident = parse(SMAPS, new long[] {0xf0000000L, 0x100000000L});
        assertThat(resident.heap()).isEqualTo(40000L * 1024);
        assertThat(resident.files()).isEqualTo((1500L + 100) * 1024);
    }

    @Test
    void withoutTheHeapsRangeOnlyTheFilesAreKnown() throws IOException {
        assertThat(parse(SMAPS, null)).isEqualTo(new ResidentMemory(-1, 1600L * 1024));
        assertThat(parse("nothing like smaps\n", null)).isEqualTo(ResidentMemory.UNKNOWN);
    }

    @Test
    void theHeapsRangeComesFromEveryCollectorThatPrintsOne() {
        String g1 = """
                 garbage-first heap   total 262144K, used 8460K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 4 young (4096K), 2 survivors (2048K)
                 Metaspace       used 11388K, committed 11584K, reserved 1114112K
                """;
        assertThat(ResidentMemory.heapRange(g1)).containsExactly(0xf0000000L, 0x100000000L);
        String parallel = """
                 PSYoungGen      total 76288K, used 26471K [0x00000000fab00000, 0x0000000100000000, 0x0000000100000000)
                  eden space 65536K, 40% used [0x00000000fab00000,0x00000000fc4d9e20,0x00000000feb00000)
                 ParOldGen       total 175104K, used 0K [0x00000000f0000000, 0x00000000fab00000, 0x00000000fab00000)
                 Metaspace       used 11355K, committed 11520K, reserved 1114112K
                  class space    used 1377K, committed 1472K, reserved 1048576K [0x0000000100000000, 0x1)
                """;
        assertThat(ResidentMemory.heapRange(parallel)).containsExactly(0xf0000000L, 0x100000000L);
        assertThat(ResidentMemory.heapRange(" ZHeap           used 38M, capacity 256M, max capacity 256M\n"))
                .isNull();
    }

    @Test
    void thisJvmsHeapIsResidentAsFarAsTheOsSays() {
        ResidentMemory resident = ResidentMemory.read();
        assertThat(resident.heap()).isPositive();
        assertThat(resident.files()).isPositive();
    }

    private static ResidentMemory parse(String smaps, long[] range) throws IOException {
        return ResidentMemory.parse(new ByteArrayInputStream(smaps.getBytes(StandardCharsets.US_ASCII)), range);
    }
}
