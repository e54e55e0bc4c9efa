package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleIT {

    @TempDir
    Path tmp;

    @Test
    void scheduledDumpsKeepTheNewestMaxDumpsOfOursAndNothingElseIsDeleted() throws Exception {
        Path dir = tmp.resolve("sched");
        Files.createDirectories(dir);
        // Someone else's files, and an older dump of ours from another process, with sidecars.
        Files.writeString(dir.resolve("other-1-20200101-000000-1.hprof"), "not ours");
        Files.writeString(dir.resolve("notes.txt"), "keep");
        Files.writeString(dir.resolve("sched-1-20200101-000000-1.hprof"), "old one of ours");
        Files.writeString(dir.resolve("sched-1-20200101-000000-1.hprof.json"), "{}");
        Files.writeString(dir.resolve("sched-1-20200101-000000-1.hprof.direct-sites.json"), "{}");

        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,name=sched,interval=1s,max-dumps=2")
                .start()) {
            assertThat(jvm.awaitReady()).contains("interval=1s", "max-dumps=2");
            jvm.awaitStderr(l -> l.contains("dump written") && l.contains("-4.hprof"), Duration.ofSeconds(90));
            jvm.awaitStderr(l -> l.contains("deleted old dump") && l.contains("-2.hprof"), Duration.ofSeconds(30));

            List<Path> ours = Dumps.in(dir).stream()
                    .filter(p -> p.getFileName().toString().startsWith("sched-"))
                    .toList();
            assertThat(ours).hasSizeLessThanOrEqualTo(2).isNotEmpty();
            for (Path dump : ours) {
                assertThat(Dumps.sidecar(dump).get("trigger").asText()).isEqualTo("schedule");
            }
            Dumps.assertCompleteDump(ours.get(0), jvm.pid(), "schedule");
            List<String> names = Dumps.names(dir);
            assertThat(names)
                    .contains("other-1-20200101-000000-1.hprof", "notes.txt")
                    .doesNotContain(
                            "sched-1-20200101-000000-1.hprof",
                            "sched-1-20200101-000000-1.hprof.json",
                            "sched-1-20200101-000000-1.hprof.direct-sites.json")
                    .noneMatch(n -> n.matches("sched-" + jvm.pid() + "-.*-[12]\\.hprof.*"));
        }
    }
}
