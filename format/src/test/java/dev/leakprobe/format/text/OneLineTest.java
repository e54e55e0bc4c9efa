package dev.leakprobe.format.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void controlCharactersSeparatorsAndBidiOverridesAreEscaped() {
        assertThat(OneLine.of("a\nb\rc\u001b[31md\u007f\u0085e\u2028f\u202eg\u2066h\u0000"))
                .isEqualTo("a\\u000ab\\u000dc\\u001b[31md\\u007f\\u0085e\\u2028f\\u202eg\\u2066h\\u0000");
        assertThat(OneLine.hasUnsafe("tab\there")).isTrue();
        assertThat(OneLine.of("zero\u200bwidth, lone \ud800 surrogate"))
                .isEqualTo("zero\\u200bwidth, lone \\ud800 surrogate");
    }

    @Test
    void plainTextIncludingNonAsciiLettersStaysAsItIs() {
        String text = "dumps/été-日本-x_1.hprof (\\ and spaces, \ud83d\ude00)";
        assertThat(OneLine.of(text)).isSameAs(text);
        assertThat(OneLine.hasUnsafe(text)).isFalse();
        assertThat(OneLine.of(null)).isNull();
    }
}
