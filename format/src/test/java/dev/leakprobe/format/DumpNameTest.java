package dev.leakprobe.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DumpNameTest {

    @Test
    void namesCarryPrefixPidUtcTimeAndSequence() {
        ZonedDateTime paris = ZonedDateTime.of(2026, 11, 26, 6, 0, 1, 0, ZoneId.of("Europe/Paris"));
        DumpName name = DumpName.of("chat", 4242, paris.toInstant(), 7);
        assertThat(name.fileName()).isEqualTo("chat-4242-20261126-050001-7.hprof");
        assertThat(DumpName.parse(name.fileName())).contains(name);
        assertThat(name.withSeq(8).fileName()).isEqualTo("chat-4242-20261126-050001-8.hprof");
    }

    @Test
    void onlyNamesOfExactlyThatFormAndPrefixAreOurs() {
        assertThat(DumpName.parse("my-app-9-20261126-050000-2.hprof"))
                .map(DumpName::prefix)
                .contains("my-app");
        assertThat(DumpName.parse("chat", "chat-9-20261126-050000-2.hprof")).isPresent();
        assertThat(DumpName.parse("chat", "chatty-9-20261126-050000-2.hprof")).isEmpty();
        assertThat(DumpName.parse("chat", "my-chat-9-20261126-050000-2.hprof")).isEmpty();
        for (String notOurs : new String[] {
            "chat-9-20261126-050000-2.hprof.gz",
            "chat-9-20261126-050000-x.hprof",
            ".partial-chat-9-20261126-050000-2.hprof",
            "chat-9-20261126-050000-2.hprof.json",
            "chat.hprof"
        }) {
            assertThat(DumpName.parse(notOurs)).as(notOurs).isEmpty();
        }
    }

    @Test
    void thePidComesFromOurNamesAndHotSpotsCompressedOrNot() {
        assertThat(DumpName.pidIn("app-123-20261126-050000-1.hprof")).contains(123L);
        assertThat(DumpName.pidIn("app-123-20261126-050000-1.hprof.gz")).contains(123L);
        assertThat(DumpName.pidIn("java_pid77.hprof")).contains(77L);
        assertThat(DumpName.pidIn("heap.hprof")).isEmpty();
    }
}
