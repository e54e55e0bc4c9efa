package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.fixture.PlantedDumps;
import dev.leakprobe.analyzer.summary.SummaryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaks planted in a child JVM (see LeakyChild), three live dumps each, diffed through the CLI: the suspect, its path
 * and its counts are checked exactly.
 */
class DiffIT {

    private static final String FIXTURE = "dev.leakprobe.analyzer.fixture.";

    @TempDir
    Path out;

    static List<Path> rooms;
    static List<Path> bounded;
    static List<Path> direct;
    static List<Path> jump;

    @BeforeAll
    static void plantLeaks() throws Exception {
        rooms = PlantedDumps.of("rooms");
        bounded = PlantedDumps.of("bounded");
        direct = PlantedDumps.of("direct");
        jump = PlantedDumps.of("jump");
    }

    @Test
    void findsTheSessionsAccumulatingInARoomWithTheirPathAndCounts() throws IOException {
        Cli.Result result = diff(rooms, "--json", out.resolve("r.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("r.json"));
        assertThat(report.path("kind").asText()).isEqualTo("diff");
        assertThat(report.path("verdict").path("leak").asBoolean()).isTrue();
        assertThat(report.path("suspects")).hasSize(1);
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(FIXTURE + "Session");
        assertThat(suspect.path("accumulationPoint").path("className").asText()).isEqualTo("java.util.ArrayList");
        assertThat(suspect.path("accumulationPoint").path("field").asText()).isEqualTo("members");
        assertThat(suspect.path("accumulationPoint").path("ownerClassName").asText())
                .isEqualTo(FIXTURE + "Room");
        assertThat(longs(suspect.path("count"))).containsExactly(2000L, 4000L, 6000L);
        assertThat(suspect.path("pathText").asText())
                .isEqualTo("Registry.ROOMS → HashMap.table → HashMap$Node[] → "
                        + "HashMap$Node.value → Room.members → ArrayList.elementData → Object[] → Session ×6000");
        JsonNode path = suspect.path("path");
        // The JSON path starts at the root of the static field's path: its class, as on the page and the terminal.
        assertThat(path.get(0).path("rootKind").asText()).isEqualTo("Class");
        assertThat(path.toString())
                .startsWith("[{\"className\":\"" + FIXTURE + "Registry\",\"field\":null,\"rootKind\":\"Class\","
                        + "\"classObject\":true},{\"className\":\"java.util.HashMap\",\"field\":\"ROOMS\"}");
        assertThat(path.get(path.size() - 1).path("className").asText()).isEqualTo(FIXTURE + "Session");
        assertThat(path.get(path.size() - 1).path("field").asText()).isEqualTo("[]");
        // Each Session: itself, its byte[1024] and its name (a String and its bytes): over 1 KiB each.
        assertThat(suspect.path("heapDelta").asLong()).isBetween(4000L * 1040, 4000L * 1200);
        assertThat(suspect.path("retainedDelta").asLong())
                .isEqualTo(suspect.path("heapDelta").asLong());
        assertThat(suspect.path("steadiness").path("growingIntervals").asInt()).isEqualTo(2);
        assertThat(suspect.path("steadiness").path("intervals").asInt()).isEqualTo(2);
        assertThat(report.path("dumps")).hasSize(3);
        assertThat(report.path("classes").size()).isGreaterThan(10);
        assertThat(result.out()).contains("Session objects (+", " accumulate in Room.members (ArrayList)");
    }

    /**
     * Issue 20, item 2: stderr that is not a terminal (here a captured stream, as in CI) gets no progress at all, and
     * the terminal summary opens with the verdict.
     */
    @Test
    void stderrThatIsNoTerminalGetsNoProgressAndTheVerdictComesFirst() throws IOException {
        // Without -q (which the other tests' diff() adds): the default is what is under test.
        Cli.Result result = Cli.run(args(
                rooms, "diff", "--no-cache", "--json", out.resolve("quiet.json").toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines().findFirst().orElseThrow())
                .startsWith("LEAK SUSPECTED: Session objects")
                .contains("Room.members");
        assertThat(result.out().lines().skip(1).findFirst().orElseThrow()).startsWith("leakprobe diff: 3 dumps;");

        Cli.Result verbose = Cli.run(args(
                rooms,
                "diff",
                "--no-cache",
                "--verbose",
                "--json",
                out.resolve("verbose.json").toString()));
        assertThat(verbose.err().lines().filter(line -> line.endsWith(".hprof: summarised")))
                .hasSize(3);
    }

    @Test
    void ordersDumpsByTimeWhateverTheOrderGiven() throws IOException {
        Cli.Result result = diff(
                List.of(rooms.get(2), rooms.get(0), rooms.get(1)),
                "--json",
                out.resolve("r.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspect = result.json(out.resolve("r.json")).path("suspects").get(0);
        assertThat(longs(suspect.path("count"))).containsExactly(2000L, 4000L, 6000L);
    }

    @Test
    void failOnGrowthExitsThreeOnlyWhenASuspectGrewMoreThanTheLimit() {
        assertThat(diff(rooms, "--json", out.resolve("a.json").toString(), "--fail-on-growth", "1MB")
                        .exitCode())
                .isEqualTo(3);
        assertThat(diff(rooms, "--json", out.resolve("b.json").toString(), "--fail-on-growth", "100MB")
                        .exitCode())
                .isZero();
        assertThat(diff(bounded, "--json", out.resolve("c.json").toString(), "--fail-on-growth", "1KB")
                        .exitCode())
                .isZero();
    }

    @Test
    void aBoundedCacheChurningGarbageGetsNoSuspect() throws IOException {
        Cli.Result result = diff(bounded, "--json", out.resolve("b.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("b.json"));
        assertThat(report.path("suspects")).isEmpty();
        assertThat(report.path("verdict").path("leak").asBoolean()).isFalse();
        assertThat(result.out()).contains("No leak suspect");
    }

    @Test
    void findsADirectBufferLeakByOffHeapAlthoughTheHeapBarelyGrows() throws IOException {
        Cli.Result result = diff(direct, "--json", out.resolve("d.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("d.json"));
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo("java.nio.DirectByteBuffer");
        assertThat(longs(suspect.path("count"))).containsExactly(50L, 100L, 150L);
        assertThat(suspect.path("offHeapDelta").asLong()).isEqualTo(100L * 64 * 1024);
        assertThat(suspect.path("heapDelta").asLong()).isLessThan(100_000L);
        assertThat(suspect.path("pathText").asText())
                .endsWith("Registry.BUFFERS → ArrayList.elementData → Object[] " + "→ DirectByteBuffer ×150");
        assertThat(longs(report.path("offHeap").path("direct")).get(2)
                        - longs(report.path("offHeap").path("direct")).get(0))
                .isEqualTo(100L * 64 * 1024);
    }

    @Test
    void steadyGrowthRanksAboveABiggerSingleJump() throws IOException {
        Cli.Result result = diff(jump, "--json", out.resolve("j.json").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspects = result.json(out.resolve("j.json")).path("suspects");
        assertThat(suspects).hasSize(2);
        assertThat(suspects.get(0).path("pathText").asText())
                .contains("Registry.STEADY")
                .endsWith("Session ×6000");
        assertThat(suspects.get(0).path("steadiness").path("description").asText())
                .isEqualTo("grew in 2 of 2 intervals");
        assertThat(suspects.get(1).path("pathText").asText())
                .contains("Registry.JUMPY")
                .endsWith("Session ×5000");
        assertThat(suspects.get(1).path("steadiness").path("description").asText())
                .isEqualTo("grew in 1 of 2 intervals");
        assertThat(suspects.get(1).path("retainedDelta").asLong())
                .isGreaterThan(suspects.get(0).path("retainedDelta").asLong());
    }

    @Test
    void analyzeOfOneDumpNamesTheSessionsRetainingMostOfTheHeap() throws IOException {
        Cli.Result result = Cli.run(
                "analyze",
                "-q",
                rooms.get(2).toString(),
                "--json",
                out.resolve("a.json").toString(),
                "--html",
                out.resolve("a.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("a.json"));
        assertThat(report.path("kind").asText()).isEqualTo("analyze");
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(FIXTURE + "Session");
        assertThat(longs(suspect.path("count"))).containsExactly(6000L);
        assertThat(suspect.path("pathText").asText())
                .endsWith("Room.members → ArrayList.elementData → Object[] → Session ×6000");
        assertThat(report.path("dominators").size()).isPositive();
        JsonNode session = classRow(report, FIXTURE + "Session");
        assertThat(longs(session.path("count"))).containsExactly(6000L);
    }

    @Test
    void dumpsOfDifferentProcessesAreRefusedInOneLine() throws IOException {
        Path a = Files.copy(rooms.get(0), out.resolve("java_pid100.hprof"));
        Path b = Files.copy(rooms.get(1), out.resolve("java_pid200.hprof"));

        Cli.Result result = Cli.run(
                "diff",
                "-q",
                a.toString(),
                b.toString(),
                "--json",
                out.resolve("x.json").toString(),
                "--html",
                out.resolve("x.html").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("different processes");
        assertThat(out.resolve("x.json")).doesNotExist();
    }

    @Test
    void sidecarsGiveOrderAndProcess() throws IOException {
        Path a = Files.copy(rooms.get(0), out.resolve("a.hprof"));
        Path b = Files.copy(rooms.get(1), out.resolve("b.hprof"));
        // b is older by its sidecar though newer on disk; a and b claim different pids.
        Files.writeString(
                out.resolve("a.hprof.json"),
                "{\"leakprobe\":1,\"pid\":7,\"trigger\":\"signal\"," + "\"startedEpochMillis\":2000}");
        Files.writeString(
                out.resolve("b.hprof.json"),
                "{\"leakprobe\":1,\"pid\":8,\"trigger\":\"schedule\"," + "\"startedEpochMillis\":1000}");
        assertThat(Cli.run(
                                "diff",
                                "-q",
                                a.toString(),
                                b.toString(),
                                "--json",
                                out.resolve("x.json").toString())
                        .exitCode())
                .isEqualTo(2);

        Files.writeString(
                out.resolve("b.hprof.json"),
                "{\"leakprobe\":1,\"pid\":7,\"trigger\":\"schedule\"," + "\"startedEpochMillis\":1000}");
        Cli.Result result = Cli.run(
                "diff",
                "-q",
                a.toString(),
                b.toString(),
                "--json",
                out.resolve("x.json").toString(),
                "--html",
                out.resolve("x.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("x.json"));
        assertThat(report.path("dumps").get(0).path("file").asText()).endsWith("b.hprof");
        assertThat(report.path("dumps").get(0).path("trigger").asText()).isEqualTo("schedule");
        assertThat(report.path("dumps").get(0).path("pid").asLong()).isEqualTo(7);
        // Older first: from 4000 sessions (b) down to 2000 (a) is no growth.
        assertThat(report.path("suspects")).isEmpty();
    }

    @Test
    void metricsBesideTheDumpsBecomeATimeline() throws IOException {
        Path dir = Files.createDirectories(out.resolve("m"));
        Path a = Files.copy(rooms.get(0), dir.resolve("a.hprof"));
        Path b = Files.copy(rooms.get(1), dir.resolve("b.hprof"));
        Files.writeString(
                dir.resolve("metrics.jsonl"),
                "{\"time\":\"2026-11-26T05:00:00Z\",\"epochMillis\":1,\"pid\":1,\"heapUsed\":10,\"heapTotal\":20,"
                        + "\"rss\":null,\"directUsed\":0}\n{\"epochMillis\":2,\"heapUsed\":11,\"heapTotal\":20,\"rss\":30,"
                        + "\"directUsed\":5}\n{torn");

        Cli.Result result = Cli.run(
                "diff",
                "-q",
                a.toString(),
                b.toString(),
                "--json",
                out.resolve("x.json").toString(),
                "--html",
                out.resolve("x.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode metrics = result.json(out.resolve("x.json")).path("metrics");
        assertThat(metrics.path("samples")).hasSize(2);
        assertThat(metrics.path("samples").get(1).path("directUsed").asLong()).isEqualTo(5);
        assertThat(metrics.path("dumpEpochMillis")).hasSize(2);
    }

    @Test
    void aSecondDiffReadsTheCachedSummaries() throws IOException {
        Path dir = Files.createDirectories(out.resolve("cache"));
        List<Path> copies = new ArrayList<>();
        for (Path dump : rooms) {
            copies.add(Files.copy(dump, dir.resolve(dump.getFileName())));
        }
        assertThat(diff(copies, "--json", out.resolve("1.json").toString()).exitCode())
                .isZero();
        for (Path copy : copies) {
            assertThat(SummaryCache.besideFile(copy)).exists();
        }

        Cli.Result warm = Cli.run(args(
                copies, "diff", "--verbose", "--json", out.resolve("2.json").toString()));

        assertThat(warm.exitCode()).isZero();
        assertThat(warm.err()).contains("summary from cache").doesNotContain("reading objects");
        assertThat(warm.json(out.resolve("2.json")).path("suspects"))
                .isEqualTo(warm.json(out.resolve("1.json")).path("suspects"));
    }

    private static Cli.Result diff(List<Path> dumps, String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", "-q"));
        dumps.forEach(d -> args.add(d.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--html")) {
            args.addAll(List.of(
                    "--html", dumps.get(0).resolveSibling("ignored.html").toString()));
        }
        return Cli.run(args.toArray(String[]::new));
    }

    static String[] args(List<Path> dumps, String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command));
        dumps.forEach(d -> args.add(d.toString()));
        args.addAll(List.of(extra));
        args.addAll(
                List.of("--html", dumps.get(0).resolveSibling("ignored.html").toString()));
        return args.toArray(String[]::new);
    }

    static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }

    static JsonNode classRow(JsonNode report, String className) {
        for (JsonNode row : report.path("classes")) {
            if (row.path("className").asText().equals(className)) {
                return row;
            }
        }
        throw new AssertionError("no class " + className);
    }
}
