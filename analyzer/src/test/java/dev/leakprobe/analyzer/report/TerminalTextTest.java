package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the terminal sanitiser escapes, and what it leaves: names in any script stay readable. */
class TerminalTextTest {

    @Test
    void controlsBidiAndSeparatorsBecomeEscapes() {
        assertThat(TerminalText.safe("a\u001b[2Jb\rc\td\u007fe\u009bf\u0000"))
                .isEqualTo("a\\u001b[2Jb\\u000dc\\u0009d\\u007fe\\u009bf\\u0000");
        assertThat(TerminalText.safe("x\u202ey\u2066z\u200fw\u061c")).isEqualTo("x\\u202ey\\u2066z\\u200fw\\u061c");
        assertThat(TerminalText.safe("one\ntwo\u2028three\u200b")).isEqualTo("one\\u000atwo\\u2028three\\u200b");
    }

    @Test
    void namesInAnyScriptAndOurOwnSignsAreLeftAsTheyAre() {
        String text = "Café.Größe → Данные ×5 … 数据 \uD83D\uDE00";
        assertThat(TerminalText.safe(text)).isSameAs(text);
    }

    @Test
    void aLoneSurrogateIsEscapedAndAPairIsNot() {
        assertThat(TerminalText.safe("a\uD83Db")).isEqualTo("a\\ud83db");
        assertThat(TerminalText.safe("a\uDE00")).isEqualTo("a\\ude00");
        // A tag character (format, outside the BMP) is escaped as its two halves.
        assertThat(TerminalText.safe("x\uDB40\uDC41")).isEqualTo("x\\udb40\\udc41");
    }
}
