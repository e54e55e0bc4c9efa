package dev.leakprobe.format.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @Test
    void sizesAreInPowersOf1024WithAnyOfTheUsualSpellings() {
        assertThat(ByteSize.parse("512m")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("512MB")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("512MiB")).isEqualTo(512L << 20);
        assertThat(ByteSize.parse("1.5GiB")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("2g")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse(" 2 gb ")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1000")).isEqualTo(1000L);
        assertThat(ByteSize.parse("64k")).isEqualTo(64L << 10);
        assertThat(ByteSize.parse("1t")).isEqualTo(1L << 40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1MB", "", "1.5.5m", "5x", "99999999999t"})
    void whatIsNoSizeIsRefusedWithItsText(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void durationsFromMillisecondsToDays() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("10S")).isEqualTo(Duration.ofSeconds(10));
        for (String text : new String[] {"500ms", "30s", "15m", "1h", "1d", "90s", "1500ms"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "1w", "-1s", "1.5h", "s"})
    void whatIsNoDurationIsRefusedWithItsText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
