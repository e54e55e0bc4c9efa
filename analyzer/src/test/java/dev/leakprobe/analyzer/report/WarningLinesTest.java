package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.diff.DumpFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20, item 2: one warning line for what every dump says alike, not one per dump. */
class WarningLinesTest {

    private static final String HELD =
            " objects (1.1 MB) that the dump shows no path to are held by the JVM outside the dump: kept under that root";

    @Test
    void theSameWarningWithOtherFiguresIsOneLineWithTheirRange() {
        List<DumpFacts> dumps = List.of(
                dump("a.hprof", "17,434" + HELD, "truncated at 12 bytes"),
                dump("b.hprof", "17,683" + HELD),
                dump("c.hprof", "17,681" + HELD));

        assertThat(WarningLines.of(dumps))
                .containsExactly("17,434–17,683" + HELD + " (all 3 dumps)", "truncated at 12 bytes (dump #1)");
    }

    @Test
    void identicalWarningsOfSomeDumpsNameThemAndOneDumpNeedsNoSuffix() {
        assertThat(WarningLines.of(List.of(dump("a", "x 1.5 MB"), dump("b"), dump("c", "x 1.5 MB"))))
                .containsExactly("x 1.5 MB (dumps #1, #3)");
        assertThat(WarningLines.of(List.of(dump("a", "x 2", "x 3")))).containsExactly("x 2–3");
    }

    private static DumpFacts dump(String file, String... warnings) {
        return new DumpFacts(file, "2026-11-26T05:00:00Z", 1, "signal", 7L, 10, 5, 100, 0, List.of(warnings));
    }
}
