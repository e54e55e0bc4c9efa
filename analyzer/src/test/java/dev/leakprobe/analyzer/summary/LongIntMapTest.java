package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void agreesWithAHashMapOverManyRandomKeysIncludingNegativeOnes() {
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long key = ((long) (random.nextInt(5000) - 1) << 32) | (random.nextInt() & 0xFFFF_FFFFL);
            int value = random.nextInt(Integer.MAX_VALUE);
            map.put(key, value);
            expected.put(key, value);
        }
        expected.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(Long.MIN_VALUE + 12345)).isEqualTo(-1);
    }

    @Test
    void aKeyPutTwiceKeepsTheLastValue() {
        LongIntMap map = new LongIntMap();
        map.put(-1L << 32, 3);
        map.put(-1L << 32, 7);
        assertThat(map.get(-1L << 32)).isEqualTo(7);
    }
}
