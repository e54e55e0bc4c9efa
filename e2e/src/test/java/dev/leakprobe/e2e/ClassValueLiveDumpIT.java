package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects that the JVM holds through references HPROF does not record ({@code Class.classValueMap}) have no path in
 * a live dump. Our engine keeps them under a root of their own and says how many they are; the MAT engine drops
 * them without a word (measured: two thirds of one real heap).
 */
class ClassValueLiveDumpIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void valuesKeptThroughClassValueShowUnderTheirOwnRoot() throws Exception {
        Path dumps = work.resolve("dumps");
        Shell.Result run = Shell.run(
                work,
                Duration.ofMinutes(2),
                Map.of("_JAVA_SR_SIGNUM", "40"),
                List.of(
                        Repo.java(17).toString(),
                        "-Xmx256m",
                        "-javaagent:" + Repo.agentJar() + "=dir=" + dumps + ",metrics=off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClassValueHolder.class.getName()));
        assertThat(run.exitCode()).as("%s", run).isZero();
        Path dump;
        try (Stream<Path> files = Files.list(dumps)) {
            dump = files.filter(p -> p.getFileName().toString().endsWith(".hprof"))
                    .findFirst()
                    .orElseThrow();
        }

        JsonNode ours = analyze(dump, "ours", "leakprobe");
        JsonNode dumpFacts = ours.path("dumps").path(0);
        String warning = dumpFacts.path("warnings").toString();
        assertThat(warning).contains("that the dump shows no path to are held by the JVM outside the dump");
        long kept = Long.parseLong(
                warning.replaceAll("(?s).*?\"([\\d,]+) objects \\(.*", "$1").replace(",", ""));
        assertThat(kept).isGreaterThanOrEqualTo(ClassValueHolder.CLASSES * 64L);
        assertThat(ours.path("suspects").toString())
                .contains("held by the JVM outside the dump (e.g. Class.classValueMap)");

        JsonNode mat = analyze(dump, "mat", "mat");
        long oursHeap = dumpFacts.path("heapBytes").asLong();
        long matHeap = mat.path("dumps").path(0).path("heapBytes").asLong();
        assertThat(oursHeap - matHeap)
                .as("heap ours %d, MAT %d", oursHeap, matHeap)
                .isGreaterThan(ClassValueHolder.CLASSES * 64L * 4096);
    }

    private JsonNode analyze(Path dump, String name, String engine) throws Exception {
        Path json = work.resolve(name + ".json");
        Shell.Result result = Shell.run(
                work,
                Duration.ofMinutes(2),
                Map.of(),
                List.of(
                        Repo.java(17).toString(),
                        "-Xmx1g",
                        "-jar",
                        Repo.analyzerJar().toString(),
                        "analyze",
                        "-q",
                        "--no-cache",
                        "--engine",
                        engine,
                        dump.toString(),
                        "--json",
                        json.toString(),
                        "--html",
                        work.resolve(name + ".html").toString()));
        assertThat(result.exitCode()).as("%s", result).isZero();
        return JSON.readTree(json.toFile());
    }
}
