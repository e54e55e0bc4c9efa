package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The demo chat server in a child JVM with the leakprobe agent, driven the way a person would. */
final class DemoServer implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("listening .*port=(\\d+)");

    private final Process process;
    private final Path log;
    private final Path dumps;
    private final Path java;
    private final int port;

    private DemoServer(Process process, Path log, Path dumps, Path java, int port) {
        this.process = process;
        this.log = log;
        this.dumps = dumps;
        this.java = java;
        this.port = port;
    }

    /** Starts the server with {@code -javaagent:leakprobe-agent.jar=dir=<dumps>,<agentOptions>}. */
    static DemoServer start(int jdk, String mode, Path dumps, String agentOptions) throws IOException {
        Path java = Repo.java(jdk);
        Path log = Files.createTempFile("leaky-chat-", ".log");
        String agent = "-javaagent:" + Repo.agentJar() + "=dir=" + dumps + ",metrics=1s"
                + (agentOptions.isEmpty() ? "" : "," + agentOptions);
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-Xmx128m",
                        agent,
                        "-jar",
                        Repo.chatJar().toString(),
                        "--port",
                        "0",
                        "--mode",
                        mode)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        Process process = builder.start();
        int port;
        try {
            port = await().atMost(Duration.ofSeconds(60)).until(() -> portIn(log, process), p -> p > 0);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("[leakprobe] ready"));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new AssertionError("server did not start:\n" + Files.readString(log), e);
        }
        return new DemoServer(process, log, dumps, java, port);
    }

    private static int portIn(Path log, Process process) throws IOException {
        String text = Files.readString(log);
        assertThat(process.isAlive()).as("server alive; log:\n%s", text).isTrue();
        Matcher matcher = PORT.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Runs the demo's load client against the server for a while and checks it did real work. */
    void load(Duration duration) throws IOException, InterruptedException {
        Shell.Result result = Shell.run(
                dumps.getParent(),
                duration.plusMinutes(1),
                Map.of(),
                List.of(
                        java.toString(),
                        "-jar",
                        Repo.chatJar().toString(),
                        "load",
                        "--port",
                        String.valueOf(port),
                        "--clients",
                        "6",
                        "--duration",
                        duration.toMillis() + "ms"));
        assertThat(result.exitCode()).as("%s", result).isZero();
    }

    /** Sends {@code kill -USR2} and waits until one more complete dump is in the dump folder. */
    Path dump() throws IOException {
        int before = dumps().size();
        new ProcessBuilder("kill", "-USR2", String.valueOf(process.pid()))
                .inheritIO()
                .start();
        await().atMost(Duration.ofSeconds(90)).until(() -> dumps().size() > before);
        List<Path> all = dumps();
        return all.get(all.size() - 1);
    }

    long pid() {
        return process.pid();
    }

    List<Path> dumps() throws IOException {
        return hprofFilesIn(dumps);
    }

    /** The complete dumps in a folder, oldest first (our names sort by time and sequence). */
    static List<Path> hprofFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(DemoServer::isCompleteDump).sorted().toList();
        }
    }

    /** The agent writes under a hidden {@code .partial-} name and renames when complete. */
    private static boolean isCompleteDump(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".hprof") && !name.startsWith(".");
    }

    @Override
    public void close() throws IOException {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
