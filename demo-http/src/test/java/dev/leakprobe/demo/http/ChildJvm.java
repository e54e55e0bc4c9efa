package dev.leakprobe.demo.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar demo-http.jar ...} as a child process, every line it prints kept, waited for by pattern. */
final class ChildJvm implements AutoCloseable {

    static final Path REPO =
            Path.of(System.getProperty("leakprobe.repo.root", "..")).toAbsolutePath();
    static final Path JAR = REPO.resolve("demo-http/target/demo-http.jar");
    static final Path AGENT = REPO.resolve("agent/target/leakprobe-agent.jar");
    static final Duration PATIENCE = Duration.ofSeconds(120);

    final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
    }

    static ChildJvm start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-Ddemo.http.home=" + REPO.resolve("demo-http"),
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        return new ChildJvm(builder.start());
    }

    /** Waits until {@code count} lines (stdout or stderr) match {@code regex}; returns the last of them. */
    Matcher awaitLine(String regex, int count) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<Matcher> matches = new ArrayList<>();
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    matches.add(m);
                }
            }
            if (matches.size() >= count) {
                return matches.get(count - 1);
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no " + count + " lines matching '" + regex + "' (alive: " + process.isAlive()
                        + "); output:\n" + String.join("\n", lines()));
            }
            Thread.sleep(50);
        }
    }

    Matcher awaitLine(String regex) throws InterruptedException {
        return awaitLine(regex, 1);
    }

    /** Every line so far, stdout then stderr. */
    List<String> lines() {
        List<String> all = new ArrayList<>();
        synchronized (stdout) {
            all.addAll(stdout);
        }
        synchronized (stderr) {
            all.addAll(stderr);
        }
        return all;
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + PATIENCE + ":\n" + String.join("\n", lines()));
        }
        return process.exitValue();
    }

    /** SIGTERM, then a kill if it has not gone within the patience (the supervisor stops its workers on SIGTERM). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void pump(InputStream in, List<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (sink) {
                        sink.add(line);
                    }
                }
            } catch (IOException ignored) {
                // The child is gone.
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
