package dev.leakprobe.demo.jar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code java -jar leaky-chat.jar ...} as a child process, its output collected line by line as it comes. */
final class ChildProcess implements AutoCloseable {

    static final Path JAR =
            Path.of(System.getProperty("leakprobe.repo.root", "."), "demo-leaky-chat", "target", "leaky-chat.jar");

    final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private ChildProcess(Process process) {
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), stdout::add, "stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr::add, "stderr");
    }

    static ChildProcess start(Path javaHome, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx64m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Every script of ours moves HotSpot's suspend signal off SIGUSR2 (see DEVELOPERS.md).
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        return new ChildProcess(builder.start());
    }

    /** The JDKs to run on: this test's own, and JDK 25 where the build says it is installed. */
    static Stream<Path> javaHomes() {
        Path own = Path.of(System.getProperty("java.home"));
        String jdk25 = System.getProperty("leakprobe.jdk25.home", "");
        if (!jdk25.isEmpty() && Files.isExecutable(Path.of(jdk25, "bin", "java"))) {
            return Stream.of(own, Path.of(jdk25));
        }
        return Stream.of(own);
    }

    /** The next stdout line that starts with {@code prefix}; fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? stdout.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; stdout "
                        + stdoutSeen + ", stderr " + stderr);
            }
            stdoutSeen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Sends SIGTERM. Not {@link Process#destroy()}: that also closes our ends of the child's stdout and stderr at
     * once, losing whatever the child's shutdown hook prints.
     */
    void sigterm() {
        process.toHandle().destroy();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; stderr " + stderr);
        }
        // The pumps may still hold the last lines the child wrote before it exited.
        stdoutPump.join(5_000);
        stderrPump.join(5_000);
        return process.exitValue();
    }

    List<String> stdoutLines() {
        List<String> all = new ArrayList<>(stdoutSeen);
        stdout.drainTo(all);
        stdoutSeen.clear();
        stdoutSeen.addAll(all);
        return all;
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            sink.accept(line);
                        }
                    } catch (IOException ignored) {
                        // The child is gone: nothing more to read.
                    }
                },
                "child-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
