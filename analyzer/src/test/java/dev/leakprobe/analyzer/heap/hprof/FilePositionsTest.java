package dev.leakprobe.analyzer.heap.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Positions kept in 4 bytes (5 past 4 GB) come back as they went in, made-up objects' -1 included. */
class FilePositionsTest {

    private static final long[] SMALL_DUMP = {-1, 0, 18, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFDL};

    private static final long[] BIG_DUMP = {
        -1, 0, 0xFFFF_FFFEL, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x3_2345_6789L, FilePositions.MAX_DUMP_BYTES - 1
    };

    @Test
    void aDumpUnder4GbKeepsFourBytesAnObjectAndEveryPosition() {
        FilePositions positions = roundTrip(SMALL_DUMP, 0xFFFF_FFFEL);
        assertThat(positions.bytesKept()).isEqualTo(4L * SMALL_DUMP.length);
    }

    @Test
    void aDumpOf4GbOrMoreKeepsTheHighBitsInAFifthByte() {
        FilePositions positions = roundTrip(BIG_DUMP, FilePositions.MAX_DUMP_BYTES);
        assertThat(positions.bytesKept()).isEqualTo(5L * BIG_DUMP.length);
    }

    private static FilePositions roundTrip(long[] values, long dumpBytes) {
        FilePositions positions = new FilePositions(values.length, dumpBytes);
        for (int id = 0; id < values.length; id++) {
            positions.set(id, values[id]);
        }
        for (int id = 0; id < values.length; id++) {
            assertThat(positions.get(id)).as("id %d", id).isEqualTo(values[id]);
        }
        return positions;
    }
}
