package dev.leakprobe.agent.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossingTest {

    @Test
    void firesOncePerCrossingAndRearmsBelowNinetyPercentOfTheLimit() {
        Crossing c = new Crossing(80);
        assertThat(c.crossed(50)).isFalse();
        assertThat(c.crossed(80)).isTrue();
        assertThat(c.crossed(95)).isFalse();
        assertThat(c.crossed(75)).isFalse(); // still above 72: not re-armed
        assertThat(c.crossed(81)).isFalse();
        assertThat(c.crossed(71)).isFalse(); // re-armed
        assertThat(c.crossed(85)).isTrue();
    }
}
