package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignalDumpIT {

    @TempDir
    Path tmp;

    static Stream<Arguments> jdks() {
        return Stream.of(Arguments.of("17", ChildJvm.jdk17()), Arguments.of("25", ChildJvm.jdk25()));
    }

    /**
     * Also, in the same idle JVM: the dump took the fastest way the JDK offers (JDK 25 with more than one processor:
     * a parallel GC.heap_dump through the attach listener; JDK 17: the serial MXBean) and is whole, record by
     * record; and with metrics on, the agent's own work (its /proc reads, its files) left no direct-buffer site.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void killUsr2WritesOneCompleteOwnerOnlyDumpWithItsSidecar(String version, Path javaHome) throws Exception {
        Path dir = tmp.resolve("dumps");
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .agentOptions("dir=" + dir + ",metrics=200ms,name=sig")
                .start()) {
            String ready = jvm.awaitReady();
            assertThat(ready).contains("pid=" + jvm.pid(), "dir=" + dir, "signal=USR2");
            assertThat(jvm.stderr()).anyMatch(l -> l.contains("_JAVA_SR_SIGNUM=40"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
            jvm.awaitStderr(l -> l.startsWith("[leakprobe] heapTotal "), Duration.ofSeconds(30));

            jvm.signal("USR2");

            jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            Path dump = Dumps.in(dir).get(0);
            assertThat(dump.getFileName().toString())
                    .startsWith("sig-" + jvm.pid() + "-")
                    .endsWith("-1.hprof");
            Dumps.assertCompleteDump(dump, jvm.pid(), "signal");
            assertThat(Dumps.names(dir)).noneMatch(n -> n.startsWith(".partial-"));
            assertThat(jvm.isAlive()).as(jvm.output()).isTrue();

            boolean parallel = "25".equals(version) && Runtime.getRuntime().availableProcessors() > 1;
            assertThat(jvm.stderr())
                    .as(jvm.output())
                    .anyMatch(l -> l.startsWith(
                            parallel
                                    ? "[leakprobe] heap dumps run on "
                                            + Runtime.getRuntime().availableProcessors() + " threads"
                                    : "[leakprobe] heap dumps run on one thread (HotSpotDiagnosticMXBean.dumpHeap)"));
            int heapRecords = Dumps.assertWholeHprof(dump);
            if (parallel) {
                assertThat(heapRecords)
                        .as("a parallel dump writes one segment per thread at least")
                        .isGreaterThan(1);
            }
            JsonNode sites = Dumps.JSON.readTree(dump.resolveSibling(dump.getFileName() + ".direct-sites.json")
                    .toFile());
            assertThat(sites.path("sites").findValues("frames"))
                    .as(sites.toString())
                    .allSatisfy(frames -> assertThat(frames.toString()).doesNotContain("dev.leakprobe.agent."));
        }
    }

    @Test
    void aStormOfSignalsGivesOneDumpAndTheJvmKeepsRunning() throws Exception {
        Path dir = tmp.resolve("storm");
        try (ChildJvm jvm =
                ChildJvm.builder().agentOptions("dir=" + dir + ",metrics=off").start()) {
            jvm.awaitReady();
            // 100 separate kill(2) calls, as fast as one process can make them (well under a second).
            String pids = String.join(" ", java.util.Collections.nCopies(100, Long.toString(jvm.pid())));
            Process kill = new ProcessBuilder("sh", "-c", "for p in " + pids + "; do kill -USR2 $p; done")
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();

            jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            // Give a wrongly queued second dump every chance to show up before asserting there is none.
            jvm.awaitStderr(l -> l.contains("dump written"), Duration.ofSeconds(30));
            Thread.sleep(1500);
            List<Path> dumps = Dumps.in(dir);
            assertThat(dumps).as(jvm.output()).hasSize(1);
            Dumps.assertCompleteDump(dumps.get(0), jvm.pid(), "signal");
            assertThat(jvm.stderrMatching(l -> l.contains("received ("))).hasSize(1);
            assertThat(jvm.isAlive()).isTrue();
            assertThat(jvm.stdout()).contains("workload started");
        }
    }

    /**
     * Issue 14, item 16: with the suspend signal moved, 200 kills 10 ms apart (over two seconds) gave no dump, and
     * the log blamed the variable being unset. No sampler can send USR2 then: the burst is one dump, and the next
     * request (JMX) is the second file.
     */
    @Test
    void withTheSuspendSignalMovedKillsSpreadOverSecondsAreOneDump() throws Exception {
        Path dir = tmp.resolve("spread");
        try (ChildJvm jvm = ChildJvm.builder()
                .env("_JAVA_SR_SIGNUM", "40")
                .agentOptions("dir=" + dir + ",metrics=off,name=spread")
                .start()) {
            jvm.awaitReady();
            long started = System.nanoTime();
            Process kills = new ProcessBuilder(
                            "sh",
                            "-c",
                            "i=0; while [ $i -lt 200 ]; do kill -USR2 " + jvm.pid() + "; sleep 0.01; i=$((i+1)); done")
                    .inheritIO()
                    .start();
            assertThat(kills.waitFor()).isZero();
            double killing = (System.nanoTime() - started) / 1e9;

            String received = jvm.awaitStderr(l -> l.contains("SIGUSR2 received ("), Duration.ofSeconds(60));
            Matcher burst = Pattern.compile("\\((\\d+) signals over (\\d+\\.\\d+) s\\): dumping")
                    .matcher(received);
            assertThat(burst.find()).as(received).isTrue();
            // The kernel merges a USR2 that arrives while one is pending, so a few kills may count as one.
            assertThat(Integer.parseInt(burst.group(1))).isGreaterThan(150);
            // One burst from the first kill to the last: a burst split by a quiet second would span a second less.
            assertThat(Double.parseDouble(burst.group(2))).as(received).isGreaterThan(killing - 1.0);
            List<Path> first = jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            Dumps.assertCompleteDump(first.get(0), jvm.pid(), "signal");

            // Every kill was counted in that one burst, so no second signal dump is on its way: the JMX dump asked
            // for now is the second file.
            Path viaJmx = Path.of(CliIT.jmxDump(jvm));
            List<Path> dumps = Dumps.in(dir);
            assertThat(dumps).as(jvm.output()).hasSize(2).contains(viaJmx);
            Dumps.assertCompleteDump(viaJmx, jvm.pid(), "jmx");
            assertThat(Dumps.sidecar(viaJmx).get("seq").asInt()).isEqualTo(2);
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("burst") || l.contains("_JAVA_SR_SIGNUM is unset"));
        }
    }

    @Test
    void usr1DumpsWithoutTheSuspendSignalWarning() throws Exception {
        Path dir = tmp.resolve("usr1");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,signal=USR1")
                .start()) {
            assertThat(jvm.awaitReady()).contains("signal=USR1");
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("_JAVA_SR_SIGNUM"));
            jvm.signal("USR1");
            jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            Dumps.assertCompleteDump(Dumps.in(dir).get(0), jvm.pid(), "signal");
        }
    }

    @Test
    void signalOffInstallsNoHandler() throws Exception {
        Path dir = tmp.resolve("off");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,signal=off")
                .env("_JAVA_SR_SIGNUM", "40")
                .start()) {
            assertThat(jvm.awaitReady()).contains("signal=off");
            assertThat(jvm.stderr()).noneMatch(l -> l.contains("_JAVA_SR_SIGNUM"));
            // With HotSpot's signal moved and no handler of ours, USR2 keeps its default action: terminate.
            jvm.signal("USR2");
            assertThat(jvm.waitForExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(Dumps.in(dir)).isEmpty();
        }
    }
}
