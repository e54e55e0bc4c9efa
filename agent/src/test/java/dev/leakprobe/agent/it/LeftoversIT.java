package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 6, and the bootstrap jars: what a JVM that stops during a dump, or is killed, leaves behind.
 */
class LeftoversIT {

    /** Above any Linux pid_max (at most 2^22): no process has it. */
    private static final long DEAD = 999_999_999;

    @TempDir
    Path tmp;

    /**
     * The application calls System.exit the moment the dump's partial file appears. Before, the JVM ended while
     * HotSpot merged its segment (JDK 25) or while the sidecar was written, and left {@code .partial-*} files and an
     * orphan {@code .json}. Now the shutdown hook deletes them: a complete dump with its sidecar, or nothing.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.leakprobe.agent.it.SignalDumpIT#jdks")
    void anExitDuringADumpLeavesNoPartialFileAndNoOrphanSidecar(String version, Path javaHome) throws Exception {
        Path dir = tmp.resolve("exit");
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .env("_JAVA_SR_SIGNUM", "40")
                .agentOptions("dir=" + dir + ",metrics=off,name=exit")
                .workload("exit-on-partial", dir.toString())
                .start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload waits for a dump", ChildJvm.STARTUP);
            jvm.signal("USR2");
            assertThat(jvm.waitForExit(Duration.ofSeconds(60))).as(jvm.output()).isEqualTo(3);
            assertThat(jvm.stdout()).contains("workload exits during the dump");

            List<String> left = Dumps.names(dir);
            assertThat(left).as(jvm.output()).noneMatch(n -> n.startsWith(".partial-"));
            for (String name : left) {
                String dump = name.replaceAll("\\.hprof.*", ".hprof");
                assertThat(left).as("%s belongs to a complete dump", name).contains(dump);
            }
        }
    }

    /**
     * What a JVM killed during a dump left (its pid no longer runs) is swept at the next start: exactly our hidden
     * names, never a user's file, never through a link; and the bootstrap jar of a JVM that did not exit normally.
     */
    @Test
    void theNextStartSweepsWhatDeadJvmsLeftAndNothingElse() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dumps"));
        Path jvmTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        String dump = "app-" + DEAD + "-20261126-050000-1.hprof";
        Files.write(dir.resolve(".partial-" + dump), new byte[1 << 20]);
        Files.write(dir.resolve(".partial-" + dump + ".p0"), new byte[1 << 20]);
        Files.writeString(dir.resolve(".partial-" + dump + ".json.0123456789abcdef"), "{");
        Files.writeString(dir.resolve(".partial-notes.txt"), "a user's");
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.createSymbolicLink(dir.resolve(".partial-app-" + DEAD + "-20261126-050000-2.hprof"), victim);
        Files.writeString(jvmTmp.resolve("leakprobe-bootstrap-" + DEAD + "-4242.jar"), "stale");

        try (ChildJvm jvm = ChildJvm.builder()
                .jvmArg("-Djava.io.tmpdir=" + jvmTmp)
                .agentOptions("dir=" + dir + ",metrics=off")
                .start()) {
            jvm.awaitReady();
            assertThat(jvm.stderr())
                    .as(jvm.output())
                    .anyMatch(l -> l.startsWith("[leakprobe] removed 3 partial files" + " (2.0 MB) that a JVM left in "
                            + dir + " when it stopped during a dump: "));
            assertThat(jvm.stderr())
                    .anyMatch(l -> l.startsWith("[leakprobe] removed 1 bootstrap jar")
                            && l.contains("leakprobe-bootstrap-" + DEAD + "-4242.jar"));
            assertThat(Dumps.names(dir))
                    .containsExactlyInAnyOrder(
                            ".partial-notes.txt", ".partial-app-" + DEAD + "-20261126-050000-2.hprof");
            assertThat(victim).hasContent("precious");
            try (var jars = Files.list(jvmTmp)) {
                // Only this JVM's own jar, in use.
                assertThat(jars.map(f -> f.getFileName().toString()))
                        .allMatch(n -> n.startsWith("leakprobe-bootstrap-" + jvm.pid() + "-"));
            }
        }
    }
}
