package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFailureIT {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatCannotBeCreatedIsOneLinePerDumpAndTheApplicationKeepsRunning() throws Exception {
        // Under a regular file: no directory can be made there, not even by root.
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path dir = file.resolve("dumps");
        try (ChildJvm jvm =
                ChildJvm.builder().agentOptions("dir=" + dir + ",metrics=200ms").start()) {
            jvm.awaitReady();
            assertThat(jvm.stderr()).anyMatch(l -> l.contains("cannot create dump directory " + dir));

            jvm.signal("USR2");
            jvm.awaitStderr(l -> l.contains("SIGUSR2 received"), Duration.ofSeconds(30));
            jvm.awaitStderr(
                    l -> l.contains("WARNING: cannot create dump directory " + dir + ":"), Duration.ofSeconds(30));
            jvm.awaitStderr(
                    l -> l.contains("cannot append to " + dir.resolve("metrics.jsonl")), Duration.ofSeconds(30));
            Thread.sleep(1000);
            assertThat(jvm.isAlive()).isTrue();
            assertThat(jvm.stderr()).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception"));
            // The metrics line goes on; the file failure was said once.
            assertThat(jvm.stderrMatching(l -> l.contains("cannot append to"))).hasSize(1);
            assertThat(jvm.stderrMatching(l -> l.contains("heapTotal"))).hasSizeGreaterThan(1);
        }
    }
}
