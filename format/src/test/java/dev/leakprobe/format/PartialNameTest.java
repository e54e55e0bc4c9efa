package dev.leakprobe.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14, item 6: a sweep deletes exactly the hidden files we write, and knows which process writes each. */
class PartialNameTest {

    private static final String DUMP = "chat-4242-20261126-050000-3.hprof";

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".partial-" + DUMP,
                ".partial-" + DUMP + ".p0",
                ".partial-" + DUMP + ".p12",
                ".partial-" + DUMP + ".json.0123456789abcdef",
                ".partial-" + DUMP + ".direct-sites.json.0123456789abcdef",
                ".partial-" + DUMP + ".alloc-sites.json.fedcba9876543210",
                ".partial-0123456789abcdef-" + DUMP,
                ".partial-0123456789abcdef-" + DUMP + ".p1"
            })
    void filesTheAgentOrTheTargetJvmWritesBelongToTheDumpsPid(String name) {
        PartialName partial = PartialName.parse(name).orElseThrow();
        assertThat(partial.dump().fileName()).isEqualTo(DUMP);
        assertThat(partial.writerPid()).isEqualTo(OptionalLong.of(4242));
    }

    @Test
    void aSummaryIsWrittenByTheAnalyzerWhosePidIsNotInTheName() {
        PartialName partial = PartialName.parse(".partial-" + DUMP + ".leakprobe-summary.0123456789abcdef")
                .orElseThrow();
        assertThat(partial.dump().pid()).isEqualTo(4242);
        assertThat(partial.writerPid()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                DUMP,
                ".partial-" + DUMP + ".gz",
                ".partial-" + DUMP + ".json",
                ".partial-" + DUMP + ".json.0123456789ABCDEF",
                ".partial-" + DUMP + ".json.0123",
                ".partial-" + DUMP + ".notes.txt.0123456789abcdef",
                ".partial-" + DUMP + ".px",
                ".partial-metrics.jsonl",
                ".partial-my-notes.txt",
                ".partial-chat.hprof",
                "partial-" + DUMP,
                ".partial-" + DUMP + "/",
                ".partial-" + DUMP + ".p"
            })
    void anythingElseIsNotOurs(String name) {
        assertThat(PartialName.parse(name)).as(name).isEmpty();
    }
}
