package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR's thread sampler suspends threads with SIGUSR2 while {@code _JAVA_SR_SIGNUM} is unset, so its samples reach
 * our handler: they must never dump.
 */
class JfrIT {

    @TempDir
    Path tmp;

    @Test
    void jfrSamplingNeverDumpsAndAKillAfterJfrStopsDoes() throws Exception {
        Path dir = tmp.resolve("jfr");
        try (ChildJvm jvm = ChildJvm.builder()
                .jvmArg("-XX:StartFlightRecording=name=lp,filename=" + tmp.resolve("rec.jfr"))
                .agentOptions("dir=" + dir + ",metrics=off")
                .workload("busy", "600").start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            // Several seconds of sampler traffic: the burst is recognised, nothing is dumped.
            jvm.awaitStderr(l -> l.contains("ignoring a burst of SIGUSR2"), Duration.ofSeconds(30));
            Thread.sleep(3000);
            assertThat(Dumps.in(dir)).as(jvm.output()).isEmpty();

            // A person's kill while JFR samples is not dumped either, and the log says why.
            jvm.signal("USR2");
            Thread.sleep(2000);
            assertThat(Dumps.in(dir)).isEmpty();

            jcmd(jvm.pid(), "JFR.stop", "name=lp");
            jvm.awaitStderr(l -> l.contains("USR2 dumps are back on") || l.contains("USR2 dumps are paused"),
                    Duration.ofSeconds(30));
            // Once the recording is stopped the sampler goes quiet; wait for the dispatcher to see it.
            jvm.awaitStderr(l -> l.contains("USR2 dumps are back on"), Duration.ofSeconds(30));
            jvm.signal("USR2");
            await().atMost(Duration.ofSeconds(60)).until(() -> Dumps.in(dir).size() == 1);
            Dumps.assertCompleteDump(Dumps.in(dir).get(0), jvm.pid(), "signal");
            assertThat(jvm.stderr()).anyMatch(l -> l.contains("USR2 dumps are paused while JFR samples threads")
                    && l.contains("_JAVA_SR_SIGNUM=40"));
        }
    }

    @Test
    void withTheSuspendSignalMovedAKillDumpsWhileJfrRuns() throws Exception {
        Path dir = tmp.resolve("jfr40");
        try (ChildJvm jvm = ChildJvm.builder()
                .env("_JAVA_SR_SIGNUM", "40")
                .jvmArg("-XX:StartFlightRecording=filename=" + tmp.resolve("rec40.jfr"))
                .agentOptions("dir=" + dir + ",metrics=off")
                .workload("busy", "600").start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("_JAVA_SR_SIGNUM is unset"));
            Thread.sleep(2000);
            assertThat(Dumps.in(dir)).isEmpty();
            jvm.signal("USR2");
            await().atMost(Duration.ofSeconds(60)).until(() -> Dumps.in(dir).size() == 1);
            Dumps.assertCompleteDump(Dumps.in(dir).get(0), jvm.pid(), "signal");
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("burst"));
        }
    }

    private static void jcmd(long pid, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(ChildJvm.jdk17().resolve("bin/jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
