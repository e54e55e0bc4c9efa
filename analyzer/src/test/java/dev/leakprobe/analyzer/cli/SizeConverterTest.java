package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizeConverterTest {

    private final SizeConverter sizes = new SizeConverter();

    @Test
    void readsSizesInPowersOf1024() {
        assertThat(sizes.convert("10MB")).isEqualTo(10L << 20);
        assertThat(sizes.convert("512k")).isEqualTo(512L << 10);
        assertThat(sizes.convert("1.5GiB")).isEqualTo(3L << 29);
        assertThat(sizes.convert("1000")).isEqualTo(1000L);
        assertThat(sizes.convert(" 2 gb ")).isEqualTo(2L << 30);
    }

    @Test
    void refusesWhatIsNoSize() {
        assertThatThrownBy(() -> sizes.convert("lots")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> sizes.convert("-1MB")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
