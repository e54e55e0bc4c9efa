package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad option: one line naming it, the agent stays off, the application starts and runs to its end. */
class BadOptionsIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dir=                 | dir",
                "signal=HUP           | signal",
                "interval=5x          | interval",
                "metrics=10           | metrics",
                "prometheus=host:99999| prometheus",
                "max-dumps=0          | max-dumps",
                "live=maybe           | live",
                "name=../etc          | name",
                "dump-on-heap=150     | dump-on-heap",
                "dump-on-rss=lots     | dump-on-rss",
                "track=1bad           | track",
                "sample=0             | sample",
                "track-direct=yes     | track-direct",
                "colour=blue          | colour",
            })
    void badOptionIsOneLineNamingItAndTheApplicationRuns(String option, String key) throws Exception {
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions(option.startsWith("dir=") ? option : "dir=" + tmp + "," + option)
                .workload("exit")
                .start()) {
            assertThat(jvm.waitForExit(Duration.ofSeconds(60))).as(jvm.output()).isZero();
            assertThat(jvm.stdout()).containsExactly("workload started", "workload done");
            List<String> ours = jvm.stderrMatching(l -> l.startsWith("[leakprobe]"));
            assertThat(ours).as(jvm.output()).hasSize(1);
            assertThat(ours.get(0)).contains("'" + key + "'", "leakprobe is disabled");
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        }
    }

    /** Issue 14: a dump name with a newline is refused, and the refusal cannot forge a second log line. */
    @Test
    void aNameWithANewlineIsRefusedInOneLine() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + tmp + ",name=app\n[leakprobe] ready pid=1")
                .workload("exit")
                .start()) {
            assertThat(jvm.waitForExit(Duration.ofSeconds(60))).as(jvm.output()).isZero();
            assertThat(jvm.stderr()).as(jvm.output()).hasSize(1);
            assertThat(jvm.stderr().get(0))
                    .startsWith("[leakprobe] WARNING: bad value for option 'name': "
                            + "'app\\u000a[leakprobe] ready pid=1' (expected no control characters)");
        }
    }

    @Test
    void aStrayKillOfADisabledAgentIsIgnoredNotACrash() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder().agentOptions("interval=soon").start()) {
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            jvm.awaitStderr(l -> l.contains("leakprobe is disabled"), ChildJvm.STARTUP);
            jvm.signal("USR2");
            jvm.awaitStderr(
                    l -> l.contains("leakprobe is disabled (bad options); ignoring SIGUSR2"), Duration.ofSeconds(30));
            Thread.sleep(500);
            assertThat(jvm.isAlive()).as(jvm.output()).isTrue();
        }
    }
}
