package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdIT {

    @TempDir
    Path tmp;

    @Test
    void heapAfterGcAboveTheLimitDumpsOnceWithTriggerThreshold() throws Exception {
        Path dir = tmp.resolve("t");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,dump-on-heap=40")
                .workload("fill", "60")
                .start()) {
            assertThat(jvm.awaitReady()).contains("dump-on-heap=40%");
            await().atMost(ChildJvm.STARTUP)
                    .until(() -> jvm.stdout().stream().anyMatch(l -> l.startsWith("workload filled")));
            jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            jvm.awaitStderr(l -> l.contains("dump written"), Duration.ofSeconds(30));
            Dumps.assertCompleteDump(Dumps.in(dir).get(0), jvm.pid(), "threshold");
            assertThat(jvm.stderr()).anyMatch(l -> l.contains("(dump-on-heap=40%): dumping"));
            // The dump's own GC sees the heap still above the limit: no second dump for the same crossing.
            Thread.sleep(2000);
            assertThat(Dumps.in(dir)).hasSize(1);
        }
    }

    @Test
    void rssAboveTheLimitDumpsOnceWithTriggerThreshold() throws Exception {
        Path dir = tmp.resolve("rss");
        // Any JVM is resident in more than 16 MB: the first check, a second after start, crosses the limit.
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,dump-on-rss=16m")
                .start()) {
            assertThat(jvm.awaitReady()).contains("dump-on-rss=16MB");
            Dumps.assertCompleteDump(
                    jvm.awaitDumps(dir, 1, Duration.ofSeconds(60)).get(0), jvm.pid(), "threshold");
            assertThat(jvm.stderr()).anyMatch(l -> l.contains("crossed dump-on-rss=16 MB: dumping"));
            Thread.sleep(2500); // two more checks, still above: no second dump for the same crossing
            assertThat(Dumps.in(dir)).hasSize(1);
        }
    }
}
