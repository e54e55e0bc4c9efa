package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/leakprobe watch} (issue 12, item 2) on the demo's leaking chat server under load, started without the
 * agent: {@code watch PID} attaches it with {@code watch=}, waits for the growth series and diffs it; {@code watch
 * --dir} then takes the same series from the folder, and {@code --open} hands the page to the desktop's opener or
 * says there is none. The server runs with a small young generation (a GC about every second) and a 5 s window, which
 * stretches to 50 s for want of old collections.
 */
class WatchCommandIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern PORT = Pattern.compile("listening .*port=(\\d+)");
    private static final Pattern HTML = Pattern.compile("(?m)^HTML report: (.+)$");
    private static final Pattern JSON = Pattern.compile("(?m)^JSON report: (.+)$");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final List<Path> reports = new ArrayList<>();

    @Test
    void watchAttachesWaitsForAGrowthSeriesAndDiffsItThenTheFolderAloneGivesTheSameVerdict() throws Exception {
        Path dumps = tmp.resolve("dumps");
        Process server = startServer();
        int port = await().atMost(Duration.ofSeconds(60)).until(() -> portOf(server), p -> p > 0);
        startLoad(port);

        Shell.Result watch = Shell.run(
                Repo.root(),
                TIMEOUT,
                Map.of("_JAVA_SR_SIGNUM", "40"),
                List.of(
                        "bin/leakprobe",
                        "watch",
                        Long.toString(server.pid()),
                        "--dir",
                        dumps.toString(),
                        "--window",
                        "5s",
                        "--timeout",
                        "2m",
                        "watch-warmup=2s,watch-every=4s"));
        remember(watch.output());

        assertThat(watch.exitCode()).as("%s", watch).isZero();
        assertThat(watch.output())
                .contains("leakprobe: attached to JVM " + server.pid() + " with watch=5s; dumps go to " + dumps)
                .contains("leakprobe: watching JVM " + server.pid() + ": waiting for the live set to grow steadily")
                .containsPattern("growth series 1 of JVM " + server.pid() + " complete: 3 dumps, the live set growing"
                        + " \\+\\d+\\.\\d MB/min \\(r² \\d\\.\\d\\d\\)")
                .containsPattern("LEAK SUSPECTED: Session objects \\(\\+[\\d,]+\\) accumulate in Room.members");
        List<Path> series = DemoServer.hprofFilesIn(dumps);
        assertThat(series).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            JsonNode sidecar = json.readTree(
                    dumps.resolve(series.get(i).getFileName() + ".json").toFile());
            assertThat(sidecar.path("trigger").asText()).isEqualTo("growth");
            assertThat(sidecar.path("growth").path("index").asInt()).isEqualTo(i + 1);
        }
        JsonNode report =
                json.readTree(Repo.root().resolve(group(JSON, watch.output())).toFile());
        assertThat(report.path("dumps")).hasSize(3);
        assertThat(report.path("dumps").path(0).path("trigger").asText()).isEqualTo("growth");

        // The folder alone: the series is there already, so the same diff comes at once (summaries cached).
        Path bin = fakeOpener();
        Shell.Result again = Shell.run(
                Repo.root(),
                TIMEOUT,
                Map.of("PATH", bin + ":" + System.getenv("PATH")),
                List.of("bin/leakprobe", "watch", "--dir", dumps.toString(), "--open"));
        remember(again.output());
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.output())
                .contains("growth series 1 of JVM " + server.pid() + " complete")
                .containsPattern("LEAK SUSPECTED: Session objects \\(\\+[\\d,]+\\) accumulate in Room.members");
        String html = group(HTML, again.output());
        assertThat(again.output()).contains("leakprobe: opening " + html + " with xdg-open");
        assertThat(Files.readString(tmp.resolve("opened")).trim()).isEqualTo(html);

        // No opener on the PATH: one line says so, and the run still succeeds.
        Shell.Result noOpener = Shell.run(
                Repo.root(),
                TIMEOUT,
                Map.of("PATH", toolsWithoutOpener().toString(), "JAVA_HOME", System.getProperty("java.home")),
                List.of("bin/leakprobe", "watch", "--dir", dumps.toString(), "--open"));
        remember(noOpener.output());
        deleteLinks(tmp.resolve("tools")); // ours to delete: JUnit warns of links it finds in a temporary folder
        assertThat(noOpener.exitCode()).as("%s", noOpener).isZero();
        assertThat(noOpener.output())
                .containsPattern("leakprobe: cannot open the report: no xdg-open here; open " + "file://"
                        + Pattern.quote(Repo.root().toString()) + "/reports/\\S+\\.html");
    }

    @Test
    void watchWithoutAJvmOrAFolderIsOneLineAndExitTwo() throws Exception {
        Shell.Result nothing = Shell.run(Repo.root(), TIMEOUT, Map.of(), List.of("bin/leakprobe", "watch"));
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.output().trim())
                .isEqualTo("leakprobe: watch needs a PID, or --dir DIR for a service started with watch=");

        Shell.Result noFolder = Shell.run(
                Repo.root(),
                TIMEOUT,
                Map.of(),
                List.of("bin/leakprobe", "watch", "--dir", tmp.resolve("none").toString()));
        assertThat(noFolder.exitCode()).isEqualTo(2);
        assertThat(noFolder.output().trim()).startsWith("leakprobe: no folder ").doesNotContain("\n");

        Shell.Result badWindow = Shell.run(
                Repo.root(),
                TIMEOUT,
                Map.of(),
                List.of(
                        "bin/leakprobe",
                        "watch",
                        Long.toString(ProcessHandle.current().pid()),
                        "--window",
                        "soon"));
        assertThat(badWindow.exitCode()).isEqualTo(2);
        assertThat(badWindow.output().trim())
                .startsWith("leakprobe: --window must be a duration")
                .doesNotContain("\n");
    }

    private Process startServer() throws IOException {
        Path log = tmp.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Repo.java(17).toString(),
                        // A small young generation and a large old one: the demo's leak makes almost no garbage,
                        // so no old collection comes before the heap is nearly full (measured: 0 in 60 s at 128 MB,
                        // the first ones at the edge of OutOfMemoryError with 64 and 96 MB). Watch mode stretches
                        // its 5 s window to its limit (50 s) and judges from the young GCs' upper bound: a series
                        // about 52 s after the agent starts, long before this heap is full.
                        "-Xmx256m",
                        "-Xmn2m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        Repo.chatJar().toString(),
                        "--port",
                        "0",
                        "--mode",
                        "leak")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        Process server = builder.start();
        started.add(server);
        return server;
    }

    private int portOf(Process server) throws IOException {
        String log = Files.readString(tmp.resolve("server.log"));
        assertThat(server.isAlive()).as("server alive; log:\n%s", log).isTrue();
        Matcher m = PORT.matcher(log);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The demo's load client, for longer than the watch needs; stopped with the test. */
    private void startLoad(int port) throws IOException {
        started.add(new ProcessBuilder(
                        Repo.java(17).toString(),
                        "-jar",
                        Repo.chatJar().toString(),
                        "load",
                        "--port",
                        String.valueOf(port),
                        "--clients",
                        "6",
                        "--duration",
                        "120s")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("load.log").toFile())
                .start());
    }

    /** An {@code xdg-open} that only writes down what it was asked to open. */
    private Path fakeOpener() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path opener = bin.resolve("xdg-open");
        Files.writeString(opener, "#!/bin/sh\nprintf '%s\\n' \"$1\" > '" + tmp.resolve("opened") + "'\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    /** A PATH of the tools bin/leakprobe uses, and no xdg-open (which this machine has in /usr/bin). */
    private Path toolsWithoutOpener() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("sh", "dirname", "uname", "sed")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        return bin;
    }

    private static void deleteLinks(Path dir) throws IOException {
        try (var links = Files.list(dir)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    private static String group(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertThat(m.find()).as("%s in:\n%s", pattern, output).isTrue();
        return m.group(1).trim();
    }

    private void remember(String output) {
        for (Pattern p : List.of(HTML, JSON)) {
            Matcher m = p.matcher(output);
            if (m.find()) {
                reports.add(Repo.root().resolve(m.group(1).trim()));
            }
        }
    }

    @AfterEach
    void stopAndClean() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
        for (Path report : reports) {
            Files.deleteIfExists(report);
        }
    }
}
