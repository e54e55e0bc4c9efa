package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar leakprobe-agent.jar attach|dump}, as {@code bin/leakprobe} runs them, and the JMX MBean. */
class CliIT {

    @TempDir
    Path tmp;

    record Result(int exit, String stdout, String stderr) {}

    static Result leakprobe(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.jdk17().resolve("bin/java").toString(),
                "-Xmx64m",
                "-jar",
                ChildJvm.agentJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out).trim(), new String(err).trim());
    }

    @Test
    void jmxOperationDumpsAndReturnsThePath() throws Exception {
        Path dir = tmp.resolve("jmx");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,signal=off")
                .start()) {
            jvm.awaitReady();
            // `dump` on a JVM whose agent has no signal goes through the MBean.
            Result r = leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("through the agent's JMX operation");
            Path dump = Path.of(r.stdout());
            assertThat(dump.getParent()).isEqualTo(dir);
            Dumps.assertCompleteDump(dump, jvm.pid(), "jmx");

            // And the MBean itself, with its attributes.
            String address = jmxAddress(jvm);
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = c.getMBeanServerConnection();
                ObjectName name = new ObjectName("dev.leakprobe:type=Agent");
                String second = (String) server.invoke(name, "dumpHeap", new Object[0], new String[0]);
                Dumps.assertCompleteDump(Path.of(second), jvm.pid(), "jmx");
                assertThat(server.getAttribute(name, "DumpsWritten")).isEqualTo(2);
                assertThat(server.getAttribute(name, "LastDump")).isEqualTo(second);
                assertThat(server.getAttribute(name, "Directory")).isEqualTo(dir.toString());
                assertThat(server.getAttribute(name, "Signal")).isEqualTo("off");
                assertThat(server.getAttribute(name, "SignalHandlerInstalled")).isEqualTo(false);
            }
        }
    }

    /** Takes a dump through the agent's MBean and returns its path. */
    static String jmxDump(ChildJvm jvm) throws Exception {
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress(jvm)))) {
            return (String) c.getMBeanServerConnection()
                    .invoke(new ObjectName("dev.leakprobe:type=Agent"), "dumpHeap", new Object[0], new String[0]);
        }
    }

    private static String jmxAddress(ChildJvm jvm) throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(jvm.pid()));
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    @Test
    void dumpSignalsAReadyAgentAndPrintsTheNewFile() throws Exception {
        Path dir = tmp.resolve("sig");
        try (ChildJvm jvm =
                ChildJvm.builder().agentOptions("dir=" + dir + ",metrics=off").start()) {
            jvm.awaitReady();
            Result r = leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("sent SIGUSR2 to " + jvm.pid());
            Dumps.assertCompleteDump(Path.of(r.stdout()), jvm.pid(), "signal");
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress(jvm)))) {
                assertThat(c.getMBeanServerConnection()
                                .getAttribute(new ObjectName("dev.leakprobe:type=Agent"), "SignalHandlerInstalled"))
                        .isEqualTo(true);
            }
        }
    }

    @Test
    void dumpOfAJvmWithoutTheAgentNeverSignalsIt() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder().noAgent().start()) {
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            Result r = leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("no leakprobe agent", "no signal sent");
            Path dump = Path.of(r.stdout());
            assertThat(dump.getParent()).isEqualTo(tmp);
            assertThat(new String(Files.readAllBytes(dump), 0, 18, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("JAVA PROFILE 1.0.2");
            // A USR2 would have crashed this JDK 17 JVM.
            Thread.sleep(500);
            assertThat(jvm.isAlive()).isTrue();
        }
    }

    /** Issue 14, item 17: a second {@code leakprobe dump} in the same second failed with "File exists". */
    @Test
    void dumpsOfAJvmWithoutTheAgentInTheSameSecondGetNamesOfTheirOwn() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder().noAgent().start()) {
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            // Names taken for every second of the next two minutes, as by earlier dumps of this very second.
            DateTimeFormatter stamp =
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
            Instant now = Instant.now();
            for (int s = 0; s < 120; s++) {
                for (int seq = 0; seq <= 1; seq++) {
                    Files.writeString(
                            tmp.resolve(
                                    "jvm-" + jvm.pid() + "-" + stamp.format(now.plusSeconds(s)) + "-" + seq + ".hprof"),
                            "someone else's");
                }
            }

            Result first = leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            Result second = leakprobe(tmp, "dump", Long.toString(jvm.pid()));

            assertThat(first.exit()).as(first.stderr()).isZero();
            assertThat(second.exit()).as(second.stderr()).isZero();
            assertThat(first.stdout()).endsWith("-2.hprof").isNotEqualTo(second.stdout());
            for (Result r : List.of(first, second)) {
                assertThat(new String(
                                Files.readAllBytes(Path.of(r.stdout())),
                                0,
                                18,
                                java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("JAVA PROFILE 1.0.2");
            }
            try (var files = Files.list(tmp)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".partial-"));
            }
        }
    }

    @Test
    void attachLoadsTheAgentOnceAndItDumpsOnKill() throws Exception {
        Path dir = tmp.resolve("attach");
        try (ChildJvm jvm = ChildJvm.builder().noAgent().start()) {
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);

            Result bad = leakprobe(tmp, "attach", Long.toString(jvm.pid()), "interval=often");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.stderr()).contains("'interval'");
            Result newline = leakprobe(tmp, "attach", Long.toString(jvm.pid()), "name=evil\n[leakprobe] ready");
            assertThat(newline.exit()).isEqualTo(2);
            assertThat(newline.stderr())
                    .contains("'name'", "evil\\u000a[leakprobe] ready")
                    .doesNotContain("\n");

            Result r = leakprobe(tmp, "attach", Long.toString(jvm.pid()), "dir=" + dir + ",metrics=off");
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("attached to JVM " + jvm.pid(), "signal=USR2");
            assertThat(jvm.awaitReady()).contains("attached=true", "dir=" + dir);

            Result again = leakprobe(tmp, "attach", Long.toString(jvm.pid()), "dir=" + dir);
            assertThat(again.exit()).isZero();
            assertThat(again.stdout()).contains("already loaded");
            assertThat(jvm.stderrMatching(l -> l.startsWith("[leakprobe] ready")))
                    .hasSize(1);

            jvm.signal("USR2");
            jvm.awaitDumps(dir, 1, Duration.ofSeconds(60));
            JsonNode sidecar = Dumps.assertCompleteDump(Dumps.in(dir).get(0), jvm.pid(), "signal");
            assertThat(sidecar.get("name").asText()).isEqualTo("Workload");
        }
    }

    /**
     * Issue 19, items 8 and 14: attach said "attached", exit 0, while the agent could not create dir= (the warning
     * was on the target's stderr only) and never showed the Prometheus URL or the beyond-loopback warning; about 1 KB
     * of options ended in "java.io.IOException: Premature EOF".
     */
    @Test
    void attachReportsTheAgentsStartUpWarningsAndEndpointsAndTheOptionsLimit() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder().noAgent().start()) {
            jvm.awaitStdout("workload started", ChildJvm.STARTUP);
            String pid = Long.toString(jvm.pid());

            Result tooLong = leakprobe(tmp, "attach", pid, "dir=" + tmp.resolve("d".repeat(1100)));
            assertThat(tooLong.exit()).as(tooLong.stderr()).isEqualTo(2);
            assertThat(tooLong.stderr().strip())
                    .startsWith("leakprobe: the agent's options are too long for attach")
                    .contains("at most 1024")
                    .doesNotContain("\n", "Premature EOF");

            Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
            Result r =
                    leakprobe(tmp, "attach", pid, "dir=" + file.resolve("dumps") + ",metrics=off,prometheus=0.0.0.0:0");
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stdout())
                    .containsPattern("attached to JVM " + pid + ": .* prometheus=http://0\\.0\\.0\\.0:\\d+/metrics");
            assertThat(r.stderr())
                    .contains("leakprobe: JVM " + pid + " warns: cannot create dump directory " + file.resolve("dumps"))
                    .contains("leakprobe: JVM " + pid + " warns: the Prometheus page listens on 0.0.0.0:");
        }
    }

    /**
     * Issue 14, item 10: attach took over the application's own USR2 handler without a word. The agent leaves it in
     * place, says so in one line, and dumps through JMX.
     */
    @Test
    void attachLeavesTheApplicationsOwnUsr2HandlerInPlace() throws Exception {
        Path dir = tmp.resolve("own");
        try (ChildJvm jvm = ChildJvm.builder()
                .noAgent()
                .env("_JAVA_SR_SIGNUM", "40")
                .workload("own-usr2")
                .start()) {
            jvm.awaitStdout("app handler installed", ChildJvm.STARTUP);
            String pid = Long.toString(jvm.pid());

            Result attach = leakprobe(tmp, "attach", pid, "dir=" + dir + ",metrics=off");
            assertThat(attach.exit()).as(attach.stderr()).isZero();
            assertThat(attach.stdout()).contains("signal=off");
            assertThat(attach.stderr()).contains("handles SIGUSR2 itself");
            assertThat(jvm.awaitReady()).contains("signal=off");
            assertThat(jvm.stderrMatching(l -> l.contains("handles SIGUSR2 itself")))
                    .singleElement()
                    .asString()
                    .startsWith("[leakprobe] WARNING: ")
                    .contains("signal=USR1", "leakprobe dump");

            jvm.signal("USR2");
            jvm.awaitStdout("app handler got SIGUSR2", Duration.ofSeconds(30));
            // The application's handler ran, so it is the installed one: no signal can reach the agent, and the
            // agent took no dump.
            assertThat(Dumps.in(dir)).isEmpty();

            Result dump = leakprobe(tmp, "dump", pid);
            assertThat(dump.exit()).as(dump.stderr()).isZero();
            assertThat(dump.stderr())
                    .contains("through the agent's JMX operation")
                    .doesNotContain("sent SIG");
            Dumps.assertCompleteDump(Path.of(dump.stdout()), jvm.pid(), "jmx");
            assertThat(Dumps.in(dir)).hasSize(1);
        }
    }

    /**
     * Issue 14, item 11: with the application's own USR2 handler installed after the agent's, {@code dump} signalled
     * the application's handler, then waited 120 s for a dump that never came. It asks the agent first.
     */
    @Test
    void dumpGoesThroughJmxWhenTheApplicationReplacedTheAgentsHandler() throws Exception {
        Path dir = tmp.resolve("replaced");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off")
                .env("_JAVA_SR_SIGNUM", "40")
                .workload("own-usr2-after-agent")
                .start()) {
            assertThat(jvm.awaitReady()).contains("signal=USR2");
            jvm.awaitStdout("app handler installed", ChildJvm.STARTUP);
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress(jvm)))) {
                assertThat(c.getMBeanServerConnection()
                                .getAttribute(new ObjectName("dev.leakprobe:type=Agent"), "SignalHandlerInstalled"))
                        .isEqualTo(false);
            }

            Result r = leakprobe(tmp, "dump", Long.toString(jvm.pid()));

            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stderr())
                    .contains("no longer the agent's", "dumping through JMX")
                    .doesNotContain("sent SIG");
            Dumps.assertCompleteDump(Path.of(r.stdout()), jvm.pid(), "jmx");
            assertThat(jvm.stdout()).doesNotContain("app handler got SIGUSR2");
            assertThat(jvm.stderrMatching(l -> l.contains("replaced the agent's SIGUSR2 handler")))
                    .hasSize(1);
            // Asking put the application's handler back.
            jvm.signal("USR2");
            jvm.awaitStdout("app handler got SIGUSR2", Duration.ofSeconds(30));
        }
    }

    @Test
    void watchOfAJvmWhoseAgentRunsWithoutWatchModeSaysHowToStartIt() throws Exception {
        Path dir = tmp.resolve("nowatch");
        try (ChildJvm jvm =
                ChildJvm.builder().agentOptions("dir=" + dir + ",metrics=off").start()) {
            jvm.awaitReady();
            Result r = leakprobe(tmp, "watch", Long.toString(jvm.pid()), "--timeout", "5s");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr())
                    .isEqualTo("leakprobe: the agent in JVM " + jvm.pid() + " runs without watch mode"
                            + " and cannot take it now; start that JVM with -javaagent:leakprobe-agent.jar=watch=30m (or use"
                            + " dump, three times)");
        }
    }

    @Test
    void watchGivesUpAtItsTimeoutWithOneLine() throws Exception {
        Path dir = tmp.resolve("quiet");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=10s")
                .start()) {
            jvm.awaitReady();
            Result r = leakprobe(tmp, "watch", Long.toString(jvm.pid()), "--timeout", "2s");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr())
                    .contains("leakprobe: watching JVM " + jvm.pid() + ": waiting for the live set to grow steadily");
            assertThat(r.stderr()
                            .lines()
                            .toList()
                            .get(r.stderr().lines().toList().size() - 1))
                    .isEqualTo("leakprobe: no growth series complete in " + dir + " within 2s; the live set did not"
                            + " grow steadily (or see the JVM's [leakprobe] watch lines)");
        }
    }

    @Test
    void badCommandLinesAreOneLineAndExitTwo() throws Exception {
        assertThat(leakprobe(tmp, "dump").exit()).isEqualTo(2);
        Result notPid = leakprobe(tmp, "dump", "abc");
        assertThat(notPid.exit()).isEqualTo(2);
        assertThat(notPid.stderr()).startsWith("leakprobe: ").contains("'abc' is not a process id");
        Result unknown = leakprobe(tmp, "dump", "1", "--dri=x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--dri=x");
        Result help = leakprobe(tmp, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("attach", "dump");
        assertThat(leakprobe(tmp, "dump", "--help").stdout()).contains("--dir=PATH", "PID");
        Result gone = leakprobe(tmp, "dump", "999999999");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.stderr()).isEqualTo("leakprobe: no process 999999999");
    }

    /** Issue 14: whatever a user types, a newline included, the refusal is one line. */
    @Test
    void inputWithANewlineIsRefusedInOneLine() throws Exception {
        Result pid = leakprobe(tmp, "dump", "12\n34");
        assertThat(pid.exit()).isEqualTo(2);
        assertThat(pid.stderr())
                .startsWith("leakprobe: ")
                .endsWith("'12\\u000a34' is not a process id")
                .doesNotContain("\n");
        Result dir = leakprobe(tmp, "dump", "--dir", tmp.resolve("a\nb").toString(), "1");
        assertThat(dir.exit()).isEqualTo(2);
        assertThat(dir.stderr())
                .startsWith("leakprobe: --dir '")
                .contains("a\\u000ab", "control characters")
                .doesNotContain("\n");
        assertThat(Files.exists(tmp.resolve("a\nb"))).isFalse();
        Result option = leakprobe(tmp, "dump", "--d\nir=x", "1");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.stderr()).contains("\\u000a").doesNotContain("\n");
    }
}
