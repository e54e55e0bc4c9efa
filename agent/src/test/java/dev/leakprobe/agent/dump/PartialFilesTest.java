package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, item 6: the sweep at start removes what dead JVMs left, and nothing else. */
class PartialFilesTest {

    private static final long DEAD = 1111;
    private static final long ALIVE = 2222;
    private static final String HEX = "0123456789abcdef";

    @TempDir
    Path dir;

    private Path file(String name, Duration age) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "x".repeat(1000));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static String dump(long pid) {
        return "app-" + pid + "-20261126-050000-1.hprof";
    }

    @Test
    void partialFilesOfDeadWritersOrUntouchedForAnHourGoEverythingElseStays() throws Exception {
        Duration fresh = Duration.ofSeconds(5);
        Duration old = PartialFiles.STALE_AFTER.plusMinutes(1);
        file(".partial-" + dump(DEAD), fresh);
        file(".partial-" + dump(DEAD) + ".p0", fresh);
        file(".partial-" + dump(DEAD) + ".json." + HEX, fresh);
        file(".partial-" + HEX + "-" + dump(DEAD).replace("app", "jvm"), fresh);
        file(".partial-" + dump(ALIVE) + ".direct-sites.json." + HEX, old);
        file(".partial-" + dump(DEAD) + ".leakprobe-summary." + HEX, old);
        // stay: a live writer's dump in progress, a summary the analyzer may be writing, a user's and a whole dump
        file(".partial-" + dump(ALIVE), fresh);
        file(".partial-" + dump(DEAD) + ".leakprobe-summary." + HEX.replace('0', 'f'), fresh);
        file(".partial-notes.txt", old);
        file(dump(DEAD), old);
        file(dump(DEAD) + ".json", old);
        // a link with a stale name is not ours to follow or remove; nor is a folder
        Path victim = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-victim"), "precious");
        Files.createSymbolicLink(dir.resolve(".partial-" + dump(DEAD).replace("-1.", "-2.")), victim);
        Files.createDirectory(dir.resolve(".partial-" + dump(DEAD).replace("-1.", "-3.")));

        PartialFiles.Swept swept = PartialFiles.sweepStale(dir, Instant.now(), pid -> pid == ALIVE);

        assertThat(swept.names())
                .containsExactlyInAnyOrder(
                        ".partial-" + dump(DEAD),
                        ".partial-" + dump(DEAD) + ".p0",
                        ".partial-" + dump(DEAD) + ".json." + HEX,
                        ".partial-" + HEX + "-" + dump(DEAD).replace("app", "jvm"),
                        ".partial-" + dump(ALIVE) + ".direct-sites.json." + HEX,
                        ".partial-" + dump(DEAD) + ".leakprobe-summary." + HEX);
        assertThat(swept.bytes()).isEqualTo(6000);
        assertThat(names())
                .containsExactlyInAnyOrder(
                        ".partial-" + dump(ALIVE),
                        ".partial-" + dump(DEAD) + ".leakprobe-summary." + HEX.replace('0', 'f'),
                        ".partial-notes.txt",
                        dump(DEAD),
                        dump(DEAD) + ".json",
                        ".partial-" + dump(DEAD).replace("-1.", "-2."),
                        ".partial-" + dump(DEAD).replace("-1.", "-3."));
        assertThat(victim).hasContent("precious");
    }

    @Test
    void theFilesOfOneDumpAreDeletedAndNoOtherDumpsOnes() throws Exception {
        file(".partial-" + dump(ALIVE), Duration.ZERO);
        file(".partial-" + dump(ALIVE) + ".p3", Duration.ZERO);
        file(".partial-" + dump(ALIVE) + ".json." + HEX, Duration.ZERO);
        file(".partial-" + dump(DEAD), Duration.ZERO);

        PartialFiles.deleteOf(
                dir, dev.leakprobe.format.DumpName.parse(dump(ALIVE)).orElseThrow());

        assertThat(names()).containsExactly(".partial-" + dump(DEAD));
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
