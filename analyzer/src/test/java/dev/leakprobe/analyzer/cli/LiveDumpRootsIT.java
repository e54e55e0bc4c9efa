package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.fixture.AgentDumps;
import dev.leakprobe.analyzer.fixture.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live dumps taken by the agent ({@link AgentDumps}): the root of a static field's path is its class, nothing of the
 * agent's own is on a user's path, and the JVM-held root (what the dump shows no path to) is said only when a user's
 * objects hang there (values of a {@code ClassValue}); the JVM's own class metadata, which a live dump always shows no
 * path to, raises no warning.
 */
class LiveDumpRootsIT {

    private static final String STORE = "dev.leakprobe.analyzer.fixture.AgentDumps$Store";
    private static final String RECORD = "dev.leakprobe.analyzer.fixture.AgentDumps$Record";

    @TempDir
    Path dir;

    @Test
    void theRootOfAStaticFieldsPathIsItsClassAndNoWarningIsRaised() throws Exception {
        JsonNode report = diff(dumps("static"));

        for (JsonNode dump : report.path("dumps")) {
            assertThat(dump.path("warnings").toString()).doesNotContain("held by the JVM");
        }
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(RECORD);
        JsonNode root = suspect.path("path").get(0);
        assertThat(root.path("className").asText()).isEqualTo(STORE);
        assertThat(root.path("classObject").asBoolean()).isTrue();
        assertThat(root.path("rootKind").asText()).isEqualTo("Class");
        assertThat(suspect.path("path").get(1).path("field").asText()).isEqualTo("RECORDS");
        assertThat(suspect.path("pathText").asText()).startsWith("AgentDumps$Store.RECORDS → ArrayList");
        assertThat(report.path("suspects").toString()).doesNotContain("dev.leakprobe.agent");
    }

    @Test
    void whatOnlyAClassValueHoldsIsSaidToBeHeldByTheJvm() throws Exception {
        JsonNode report = diff(dumps("classvalue"));

        for (JsonNode dump : report.path("dumps")) {
            assertThat(dump.path("warnings").toString())
                    .contains("held by the JVM outside the dump, values of a ClassValue");
        }
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(RECORD);
        assertThat(suspect.path("path").get(0).path("rootKind").asText()).startsWith("held by the JVM outside");
        assertThat(suspect.path("path").get(0).path("className").asText())
                .isEqualTo("java.lang.ClassValue$ClassValueMap");
        assertThat(report.path("suspects").toString()).doesNotContain("dev.leakprobe.agent");
    }

    /** Scripts' classes, each of its own loader, kept in a ClassValue's value: the loaders, and what keeps them. */
    @Test
    void loadersKeptThroughAClassValueAreTheSuspect() throws Exception {
        JsonNode report = diff(dumps("scripts"));

        assertThat(report.path("verdict").path("headline").asText())
                .startsWith("AgentDumps$ScriptLoader class loaders (+100, with +100 classes) accumulate, each kept by"
                        + " a ClassValue's value (Class.classValueMap");
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(longs(suspect.path("count"))).containsExactly(50L, 100L, 150L);
        // Each script's class holds 64 KiB of statics, counted with its loader.
        assertThat(suspect.path("heapDelta").asLong()).isGreaterThan(100L * 65536);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }

    private List<Path> dumps(String scenario) throws IOException, InterruptedException {
        Path agent = Path.of(System.getProperty("leakprobe.repo.root"), "agent/target/leakprobe-agent.jar");
        Path dumps = dir.resolve(scenario);
        ProcessBuilder builder = new ProcessBuilder(
                        ChildJvm.javaOf(System.getProperty("java.home")).toString(),
                        "-Xmx128m",
                        "-javaagent:" + agent + "=dir=" + dumps + ",metrics=off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AgentDumps.class.getName(),
                        scenario)
                .redirectErrorStream(true);
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(3, TimeUnit.MINUTES) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new AssertionError("the child failed: " + output);
        }
        List<Path> files = new ArrayList<>();
        output.lines().filter(l -> l.startsWith("dump ")).forEach(l -> files.add(Path.of(l.substring(5))));
        assertThat(files).as(output).hasSize(3);
        return files;
    }

    private JsonNode diff(List<Path> dumps) throws IOException {
        Path json = dir.resolve("report.json");
        List<String> args = new ArrayList<>(List.of(
                "diff",
                "-q",
                "--no-cache",
                "--json",
                json.toString(),
                "--html",
                dir.resolve("r.html").toString()));
        dumps.forEach(d -> args.add(d.toString()));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json(json);
    }
}
