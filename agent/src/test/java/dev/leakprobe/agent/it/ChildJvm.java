package dev.leakprobe.agent.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A child JVM running {@link Workload}, usually under the agent; its output is collected line by line. */
final class ChildJvm implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private final List<Thread> pumps = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        pumps.add(pump(process.getErrorStream(), stderr));
        pumps.add(pump(process.getInputStream(), stdout));
    }

    static Builder builder() {
        return new Builder();
    }

    static Path repoRoot() {
        String root = System.getProperty("leakprobe.repo.root");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }

    /**
     * The jar under test; {@code -Dleakprobe.agent.jar=OLD.jar} on the mvn command line runs the ITs against another
     * build (an old one, to see a new test fail before its fix).
     */
    static Path agentJar() {
        String other = System.getProperty("leakprobe.agent.jar");
        return other != null ? Path.of(other) : repoRoot().resolve("agent/target/leakprobe-agent.jar");
    }

    static Path jdk17() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path jdk25() {
        return Path.of(System.getProperty("leakprobe.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    String output() {
        return "--- stderr\n" + String.join("\n", stderr) + "\n--- stdout\n" + String.join("\n", stdout);
    }

    /** Waits for a line on stderr that matches, and returns it. */
    String awaitStderr(Predicate<String> matching, Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> stderr.stream().anyMatch(matching));
        return stderr.stream().filter(matching).findFirst().orElseThrow();
    }

    String awaitReady() {
        try {
            return awaitStderr(l -> l.startsWith("[leakprobe] ready "), STARTUP);
        } catch (RuntimeException e) {
            throw new AssertionError("no ready line; output so far:\n" + output(), e);
        }
    }

    /** Waits until {@code dir} holds {@code count} complete dumps; on timeout the failure shows the child's output. */
    List<Path> awaitDumps(Path dir, int count, Duration timeout) {
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Dumps.in(dir).size() >= count);
            return Dumps.in(dir);
        } catch (Exception e) {
            throw new AssertionError("expected " + count + " dumps in " + dir + "; output:\n" + output(), e);
        }
    }

    void awaitStdout(String line, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> stdout.contains(line));
    }

    List<String> stderrMatching(Predicate<String> p) {
        return stderr.stream().filter(p).collect(Collectors.toList());
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -s " + name + " " + pid() + " failed");
        }
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not exit within " + timeout + "\n" + output());
        }
        for (Thread pump : pumps) {
            pump.join(10_000); // every line the child wrote has been read once its pipes are at end
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, List<String> into) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            into.add(line);
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                },
                "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static final class Builder {
        private Path javaHome = jdk17();
        private String agentOptions = "";
        private boolean withAgent = true;
        private final List<String> jvmArgs =
                new ArrayList<>(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        private final Map<String, String> env = new HashMap<>();
        private List<String> workloadArgs = List.of("idle");
        private List<String> prefix = List.of();

        Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        Builder agentOptions(String options) {
            this.agentOptions = options;
            return this;
        }

        Builder noAgent() {
            this.withAgent = false;
            return this;
        }

        Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** A command the JVM runs under, which ends by exec-ing its arguments (so the pid stays the JVM's). */
        Builder under(List<String> command) {
            this.prefix = List.copyOf(command);
            return this;
        }

        Builder workload(String... args) {
            this.workloadArgs = List.of(args);
            return this;
        }

        ChildJvm start() throws IOException {
            List<String> command = new ArrayList<>(prefix);
            command.add(javaHome.resolve("bin/java").toString());
            command.addAll(jvmArgs);
            if (withAgent) {
                command.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            command.add("-cp");
            command.add(repoRoot().resolve("agent/target/test-classes").toString());
            command.add(Workload.class.getName());
            command.addAll(workloadArgs);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("_JAVA_SR_SIGNUM");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().putAll(env);
            return new ChildJvm(pb.start());
        }
    }
}
