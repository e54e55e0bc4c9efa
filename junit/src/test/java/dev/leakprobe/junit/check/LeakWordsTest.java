package dev.leakprobe.junit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.diff.AccumulationPoint;
import dev.leakprobe.analyzer.diff.Finding;
import dev.leakprobe.analyzer.diff.PathStep;
import dev.leakprobe.analyzer.diff.Steadiness;
import dev.leakprobe.analyzer.diff.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leak test's failure message quotes names from the heap: on a console they must not act as escapes. */
class LeakWordsTest {

    @Test
    void namesFromTheHeapAreEscapedInTheTitleAndThePath() {
        String hostile = "app.Evil\u001b[2J\u202e";
        Suspect s = new Suspect(
                1,
                Finding.GROWTH,
                hostile,
                new AccumulationPoint("java.util.ArrayList", "kept", "app.Holder\r"),
                List.of(new PathStep(hostile, "[]", null, false)),
                "Holder.kept → Evil\u001b[2J ×3",
                new long[] {1, 2, 3},
                new long[] {10, 20, 30},
                new long[] {0, 0, 0},
                new Steadiness(2, 2),
                List.of(),
                List.of(),
                new Suspect.Subject(hostile, 3, 0, 0),
                20,
                null,
                List.of(),
                null,
                null);
        Leak leak = new Leak(s, 10);

        assertThat(leak.title() + leak.path())
                .doesNotContain("\u001b", "\u202e", "\r")
                .contains("\\u001b[2J");
    }
}
