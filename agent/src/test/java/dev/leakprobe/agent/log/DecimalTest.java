package dev.leakprobe.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The agent's numbers without a Formatter (issue 19, item 2): the same text as {@code %.Nf} with Locale.ROOT. */
class DecimalTest {

    @Test
    void writesWhatFormatWrites() {
        double[] values = {0, 0.004, 0.005, 1, 1.25, 12.345, 97.4999, 99.5, 1024.0 / 3, -0.4, -2.675, 1e12 + 0.5};
        for (double v : values) {
            for (int digits = 0; digits <= 2; digits++) {
                assertThat(Decimal.fixed(v, digits))
                        .as("%s with %d digits", v, digits)
                        .isEqualTo(String.format(Locale.ROOT, "%." + digits + "f", v)
                                .replace("-0.00", "0.00")
                                .replace("-0.0", "0.0")
                                .replaceAll("^-0$", "0"));
            }
        }
        assertThat(Decimal.mb(17_207_296, 2)).isEqualTo("16.41 MB");
        assertThat(Decimal.fixed(Double.NaN, 1)).isEqualTo("NaN");
    }
}
