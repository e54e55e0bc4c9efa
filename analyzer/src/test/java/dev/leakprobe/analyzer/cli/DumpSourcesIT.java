package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.fixture.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps written by JDK 25, by {@code jcmd GC.heap_dump} and by {@code -XX:+HeapDumpOnOutOfMemoryError} open. */
class DumpSourcesIT {

    @TempDir
    Path dir;

    @Test
    void jdk25DumpsDiffLikeJdk17Ones() throws Exception {
        String home = System.getProperty("leakprobe.jdk25.home");
        assertThat(home != null && Files.isExecutable(ChildJvm.javaOf(home)))
                .as("JDK 25 not found at leakprobe.jdk25.home=" + home)
                .isTrue();
        List<Path> dumps = ChildJvm.dumps(ChildJvm.javaOf(home), "rooms", dir.resolve("jdk25"));

        Cli.Result result = Cli.run(
                DiffIT.args(dumps, "diff", "-q", "--json", dir.resolve("r.json").toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspect = result.json(dir.resolve("r.json")).path("suspects").get(0);
        assertThat(suspect.path("pathText").asText())
                .endsWith("Room.members → ArrayList.elementData → Object[] → Session ×6000");
        assertThat(DiffIT.longs(suspect.path("count"))).containsExactly(2000L, 4000L, 6000L);
    }

    @Test
    void aHeapDumpOnOutOfMemoryErrorOpensAndNamesTheCulprit() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("oom"));
        Process child = ChildJvm.start(
                ChildJvm.javaOf(System.getProperty("java.home")),
                "oom",
                folder,
                List.of("-Xmx32m", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + folder));
        child.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
        Path dump;
        try (Stream<Path> files = Files.list(folder)) {
            dump = files.filter(p -> p.getFileName().toString().matches("java_pid\\d+\\.hprof"))
                    .findFirst()
                    .orElseThrow();
        }

        Cli.Result result = Cli.run(
                "analyze",
                "-q",
                dump.toString(),
                "--json",
                dir.resolve("o.json").toString(),
                "--html",
                dir.resolve("o.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspect = result.json(dir.resolve("o.json")).path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo("dev.leakprobe.analyzer.fixture.Session");
        // At the error the list is also a Java local of main: a GC root itself, dominated by no single object.
        assertThat(suspect.path("pathText").asText())
                .endsWith("ArrayList.elementData → Object[] → Session ×"
                        + DiffIT.longs(suspect.path("count")).get(0));
        assertThat(suspect.path("accumulationPoint").path("className").asText()).isEqualTo("java.util.ArrayList");
        assertThat(result.json(dir.resolve("o.json"))
                        .path("dumps")
                        .get(0)
                        .path("pid")
                        .asLong())
                .isEqualTo(child.pid());
    }

    @Test
    void aJcmdHeapDumpOpens() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("jcmd"));
        Process child =
                ChildJvm.start(ChildJvm.javaOf(System.getProperty("java.home")), "wait", folder, List.of("-Xmx64m"));
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            Path dump = folder.resolve("jcmd.hprof");
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            String.valueOf(child.pid()),
                            "GC.heap_dump",
                            dump.toString())
                    .redirectErrorStream(true)
                    .start();
            String jcmdOut = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jcmd.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(dump).as(jcmdOut).exists();

            Cli.Result result = Cli.run(
                    "analyze",
                    "-q",
                    dump.toString(),
                    "--json",
                    dir.resolve("j.json").toString(),
                    "--html",
                    dir.resolve("j.html").toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode session =
                    DiffIT.classRow(result.json(dir.resolve("j.json")), "dev.leakprobe.analyzer.fixture.Session");
            assertThat(DiffIT.longs(session.path("count"))).containsExactly(2000L);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
