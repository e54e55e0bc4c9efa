package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JFR's thread sampler suspends threads with SIGUSR2 while {@code _JAVA_SR_SIGNUM} is unset, so its samples reach
 * our handler: they must never dump.
 */
class JfrIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.leakprobe.agent.it.SignalDumpIT#jdks")
    void jfrSamplingNeverDumpsAndAKillAfterJfrStopsDoes(String version, Path javaHome) throws Exception {
        Path dir = tmp.resolve("jfr");
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .jvmArg("-XX:StartFlightRecording=name=lp,filename=" + tmp.resolve("rec.jfr"))
                .agentOptions("dir=" + dir + ",metrics=off")
                .workload("busy", "600")
                .start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            // Several seconds of sampler traffic: the burst is recognised, nothing is dumped.
            jvm.awaitStderr(l -> l.contains("ignoring a burst of SIGUSR2"), Duration.ofSeconds(30));
            Thread.sleep(3000);
            assertThat(Dumps.in(dir)).as(jvm.output()).isEmpty();

            // A person's kill while JFR samples is not dumped either, and the log says why.
            jvm.signal("USR2");
            jvm.awaitStderr(
                    l -> l.contains("USR2 dumps are paused while JFR samples threads")
                            && l.contains("_JAVA_SR_SIGNUM=40"),
                    Duration.ofSeconds(30));
            Thread.sleep(1000);
            assertThat(Dumps.in(dir)).isEmpty();

            // Meanwhile `leakprobe dump` knows not to rely on the signal and goes through JMX.
            CliIT.Result viaJmx = CliIT.leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            assertThat(viaJmx.exit()).as(viaJmx.stderr()).isZero();
            assertThat(viaJmx.stderr()).contains("through the agent's JMX operation");
            Dumps.assertCompleteDump(Path.of(viaJmx.stdout()), jvm.pid(), "jmx");

            jcmd(javaHome, jvm.pid(), "JFR.stop", "name=lp");
            // Once the recording stops the sampler goes quiet and the dispatcher sees JFR is off.
            jvm.awaitStderr(l -> l.contains("USR2 dumps are back on"), Duration.ofSeconds(30));
            // The sampler may still be draining right after the stop: a kill that lands in its last burst is
            // ignored by design, as a person would see, so send again after a quiet moment (at most a few times).
            for (int attempt = 0; attempt < 5 && Dumps.in(dir).size() < 2; attempt++) {
                jvm.signal("USR2");
                try {
                    jvm.awaitStderr(l -> l.contains("trigger=signal"), Duration.ofSeconds(10));
                } catch (AssertionError | RuntimeException e) {
                    // not yet: the kill joined the sampler's last burst
                }
            }
            jvm.awaitDumps(dir, 2, Duration.ofSeconds(60));
            int signalDumps = 0;
            for (Path dump : Dumps.in(dir)) {
                if (Dumps.sidecar(dump).get("trigger").asText().equals("signal")) {
                    Dumps.assertCompleteDump(dump, jvm.pid(), "signal");
                    signalDumps++;
                }
            }
            assertThat(signalDumps).isEqualTo(1);
        }
    }

    @Test
    void withTheSuspendSignalMovedAKillDumpsWhileJfrRuns() throws Exception {
        Path dir = tmp.resolve("jfr40");
        try (ChildJvm jvm = ChildJvm.builder()
                .env("_JAVA_SR_SIGNUM", "40")
                .jvmArg("-XX:StartFlightRecording=filename=" + tmp.resolve("rec40.jfr"))
                .agentOptions("dir=" + dir + ",metrics=off")
                .workload("busy", "600")
                .start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("_JAVA_SR_SIGNUM is unset"));
            Thread.sleep(2000);
            assertThat(Dumps.in(dir)).isEmpty();
            jvm.signal("USR2");
            Dumps.assertCompleteDump(
                    jvm.awaitDumps(dir, 1, Duration.ofSeconds(60)).get(0), jvm.pid(), "signal");
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("burst"));
        }
    }

    private static void jcmd(Path javaHome, long pid, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(javaHome.resolve("bin/jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
