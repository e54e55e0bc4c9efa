package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {

    @TempDir
    Path dir;

    private final DumpFiles files = new DumpFiles("chat");

    @Test
    void namesCarryNamePidUtcTimeAndSequence() {
        ZonedDateTime paris = ZonedDateTime.of(2026, 11, 26, 6, 0, 1, 0, ZoneId.of("Europe/Paris"));
        assertThat(files.fileName(4242, paris, 7)).isEqualTo("chat-4242-20261126-050001-7.hprof");
        assertThat(DumpFiles.partialOf(dir.resolve("chat-1-20261126-050001-1.hprof"))
                        .getFileName()
                        .toString())
                .isEqualTo(".partial-chat-1-20261126-050001-1.hprof");
    }

    /** Issue 14, item 13: retention deleted every {@code <dump>.*}, a user's {@code .gz} and notes among them. */
    @Test
    void retentionLeavesAUsersFilesBesideAnOldDump() throws Exception {
        for (String name : List.of(
                "chat-9-20261126-050000-1.hprof",
                "chat-9-20261126-050000-1.hprof.json",
                "chat-9-20261126-050000-1.hprof.leakprobe-summary",
                "chat-9-20261126-050000-1.hprof.gz",
                "chat-9-20261126-050000-1.hprof.notes.txt",
                "chat-9-20261126-060000-2.hprof")) {
            Files.writeString(dir.resolve(name), name);
        }

        assertThat(files.retain(dir, 1))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("chat-9-20261126-050000-1.hprof");

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "chat-9-20261126-050000-1.hprof.gz",
                            "chat-9-20261126-050000-1.hprof.notes.txt",
                            "chat-9-20261126-060000-2.hprof");
        }
    }

    @Test
    void retentionDeletesOnlyOurOldestDumpsWithTheirSidecars() throws Exception {
        for (String name : List.of(
                "chat-9-20261126-050000-2.hprof",
                "chat-9-20261126-050000-2.hprof.json",
                "chat-9-20261126-050000-10.hprof",
                "chat-9-20261126-050000-10.hprof.json",
                "chat-9-20261126-050000-10.hprof.direct-sites.json",
                "chat-3-20261125-230000-1.hprof",
                "chat-3-20261125-230000-1.hprof.alloc-sites.json",
                "chat-9-20261126-060000-11.hprof",
                "chatty-9-20261101-000000-1.hprof",
                "other-1-20200101-000000-1.hprof",
                "chat.hprof",
                "chat-9-20261126-050000-x.hprof",
                ".partial-chat-9-20261101-000000-3.hprof",
                "notes.txt")) {
            Files.writeString(dir.resolve(name), name);
        }
        assertThat(files.ourDumps(dir))
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "chat-3-20261125-230000-1.hprof", "chat-9-20261126-050000-2.hprof",
                        "chat-9-20261126-050000-10.hprof", "chat-9-20261126-060000-11.hprof");

        List<Path> deleted = files.retain(dir, 2);

        assertThat(deleted)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("chat-3-20261125-230000-1.hprof", "chat-9-20261126-050000-2.hprof");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder(
                            "chat-9-20261126-050000-10.hprof",
                            "chat-9-20261126-050000-10.hprof.json",
                            "chat-9-20261126-050000-10.hprof.direct-sites.json",
                            "chat-9-20261126-060000-11.hprof",
                            "chatty-9-20261101-000000-1.hprof",
                            "other-1-20200101-000000-1.hprof",
                            "chat.hprof",
                            "chat-9-20261126-050000-x.hprof",
                            ".partial-chat-9-20261101-000000-3.hprof",
                            "notes.txt");
        }
    }
}
