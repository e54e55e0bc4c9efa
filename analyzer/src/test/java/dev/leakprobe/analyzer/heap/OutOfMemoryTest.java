package dev.leakprobe.analyzer.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The heap the out-of-memory advice suggests: a round figure, never less than asked. */
class OutOfMemoryTest {

    private static final long MB = 1 << 20;

    @Test
    void roundsUpToMultiplesOf64MbThenToWholeGigabytes() {
        assertThat(OutOfMemory.xmx(1)).isEqualTo("64m");
        assertThat(OutOfMemory.xmx(64 * MB)).isEqualTo("64m");
        assertThat(OutOfMemory.xmx(64 * MB + 1)).isEqualTo("128m");
        assertThat(OutOfMemory.xmx(1024 * MB)).isEqualTo("1024m");
        assertThat(OutOfMemory.xmx(1025 * MB)).isEqualTo("2g");
        assertThat(OutOfMemory.xmx(5000 * MB)).isEqualTo("5g");
    }

    @Test
    void namesTheDumpAndWhatItNeedsWhenThatIsMoreThanTheAnalyzerHas() {
        long has = Runtime.getRuntime().maxMemory();
        assertThat(OutOfMemory.advice("big.hprof", 3 * has))
                .startsWith("big.hprof: out of memory while parsing: ")
                .contains(" and this dump needs about ", "LEAKPROBE_JAVA_OPTS=-Xmx", " bin/leakprobe ");
        assertThat(OutOfMemory.advice(null, 0))
                .startsWith("out of memory: the analyzer has ")
                .doesNotContain("needs about");
    }
}
