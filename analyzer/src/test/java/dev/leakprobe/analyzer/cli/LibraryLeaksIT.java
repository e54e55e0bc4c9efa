package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.fixture.ChildJvm;
import dev.leakprobe.analyzer.fixture.PlantedDumps;
import dev.leakprobe.analyzer.fixture.libs.LibraryLeaks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Leaks inside real third-party and JDK containers (see {@link LibraryLeaks}): the suspect is named after what the
 * user stored, at the user's own field, with the container beside it; one suspect per leak. The terminal text of each
 * is a golden file ({@code golden/library-leaks/<scenario>.txt}, digits masked: cache maintenance and sizes vary a
 * little between runs); {@code -Dleakprobe.golden.update=true} rewrites them.
 */
class LibraryLeaksIT {

    private static final String LIBS = "dev.leakprobe.analyzer.fixture.libs.LibraryLeaks$";
    private static final Path GOLDEN = Path.of("src/test/resources/golden/library-leaks");

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "caffeine, UserSession, LibraryLeaks$SessionRegistry, BY_TOKEN",
        "sessions, UserSession, LibraryLeaks$SessionManager, SESSIONS",
        "uploads,  Upload,      LibraryLeaks$UploadStore,     BY_NAME",
        "loaders,  ScriptLoader, LibraryLeaks$Scripts,        LOADERS",
        "executor, UploadTask,  ,                             ",
        "timer,    ReminderTask, ,                            ",
    })
    void namesWhatTheUserStoredAndWhere(String scenario, String payload, String owner, String field)
            throws IOException {
        List<Path> dumps = PlantedDumps.ofLibrary(scenario, "128m");
        JsonNode report = diff(scenario, dumps);

        assertThat(report.path("suspects")).as("one suspect per leak").hasSize(1);
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(LIBS + payload);
        assertThat(report.path("verdict").path("headline").asText()).startsWith("LibraryLeaks$" + payload + " ");
        if (owner != null) {
            assertThat(suspect.path("holder").path("ownerClassName").asText()).endsWith(owner);
            assertThat(suspect.path("holder").path("field").asText()).isEqualTo(field);
        }
        // The figure is what the named objects retain: their growth in the class list under the same holder.
        JsonNode accumulated = suspect.path("accumulated");
        JsonNode own = null;
        for (JsonNode a : accumulated) {
            if (a.path("className").asText().equals(LIBS + payload)) {
                own = a;
            }
        }
        assertThat(own).as("the payload is listed among what accumulates").isNotNull();
        assertThat(suspect.path("heapDelta").asLong())
                .isEqualTo(own.path("retainedDelta").asLong());
    }

    @Test
    void mapValuesAreNamedAndTheirKeysDoNotCarryTheFigure() throws IOException {
        JsonNode suspect = diff("sessions", PlantedDumps.ofLibrary("sessions", "128m"))
                .path("suspects")
                .get(0);

        // 3000 sessions per step, each holding 2 KiB; the String ids (the keys) retain a tenth of that.
        assertThat(longs(suspect.path("count"))).containsExactly(3000L, 6000L, 9000L);
        assertThat(suspect.path("heapDelta").asLong()).isBetween(6000L * 2048, 6000L * 2300);
        assertThat(suspect.path("each").path("mostly").get(0).asText()).isEqualTo("byte[]");
        assertThat(suspect.path("holder").path("containerClassName").asText())
                .isEqualTo("java.util.concurrent.ConcurrentHashMap");
    }

    @Test
    void analyzeOfOneDumpNamesTheMapValuesNotTheirKeys() throws IOException {
        Path dump = PlantedDumps.ofLibrary("sessions", "128m").get(2);
        Path json = out.resolve("one.json");
        Cli.Result result = Cli.run(
                "analyze",
                "-q",
                dump.toString(),
                "--json",
                json.toString(),
                "--html",
                out.resolve("one.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspect = result.json(json).path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(LIBS + "UserSession");
        // 9000 sessions of 2 KiB and more each: what they retain, not their map entries with the keys.
        assertThat(suspect.path("retained").get(0).asLong()).isBetween(9000L * 2048, 9000L * 2300);
    }

    @Test
    void aThreadAtTheRootIsNamed() throws IOException {
        JsonNode suspect = diff("timer", PlantedDumps.ofLibrary("timer", "128m"))
                .path("suspects")
                .get(0);

        assertThat(suspect.path("holder").path("threadName").asText()).isEqualTo("reminder-timer");
        assertThat(suspect.path("path").get(0).path("threadName").asText()).isEqualTo("reminder-timer");
        assertThat(suspect.path("pathText").asText()).startsWith("TimerThread \"reminder-timer\".queue → ");
    }

    @Test
    void classLoadersAreCountedWithTheirClasses() throws IOException {
        JsonNode report = diff("loaders", PlantedDumps.ofLibrary("loaders", "128m"));
        JsonNode suspect = report.path("suspects").get(0);

        assertThat(longs(suspect.path("count"))).containsExactly(150L, 300L, 450L);
        assertThat(longs(suspect.path("definedClasses"))).containsExactly(150L, 300L, 450L);
        assertThat(suspect.path("description").asText())
                .startsWith(
                        "450 LibraryLeaks$ScriptLoader class loaders (+300) with 450 classes (+300) accumulate in ");
        // The classes loaded, beside it (the golden text holds the line that says so).
        JsonNode dumps = report.path("dumps");
        assertThat(dumps.get(2).path("classes").asLong()
                        - dumps.get(0).path("classes").asLong())
                .isGreaterThanOrEqualTo(300);
    }

    /**
     * Each version of a plugin, loaded through its own URLClassLoader, left a scheduled task on a thread of its own:
     * the loaders are what leaks, with their classes and what their statics hold, each kept by its thread.
     */
    @Test
    void loadersKeptByTheirThreadsAreNamedWithTheirClassesAndWhatTheyHold() throws IOException {
        JsonNode report = diff("plugins", PlantedDumps.ofLibrary("plugins", "128m"));
        JsonNode suspect = report.path("suspects").get(0);

        assertThat(report.path("verdict").path("headline").asText())
                .startsWith("URLClassLoader class loaders (+8, with +")
                .contains(" accumulate, each kept by thread \"rates-refresh-N\" (");
        assertThat(suspect.path("className").asText()).isEqualTo("java.net.URLClassLoader");
        assertThat(longs(suspect.path("count"))).containsExactly(4L, 8L, 12L);
        assertThat(longs(suspect.path("definedClasses")).get(2)).isGreaterThanOrEqualTo(24L);
        // Each version's RatesPlugin.TABLE (2.4 MB) is held by its class, which its loader keeps.
        assertThat(suspect.path("heapDelta").asLong()).isGreaterThan(8L * 2_400_000);
        assertThat(suspect.path("holder").path("threadCount").asLong()).isEqualTo(12);
    }

    /** Log4j's ThreadContext stack, a ThreadLocal, grows on four pooled threads: all four are named. */
    @Test
    void aLeakSpreadOverPooledThreadsNamesThemAll() throws IOException {
        JsonNode report = diff("threadcontext", PlantedDumps.ofLibrary("threadcontext", "128m"));

        assertThat(report.path("verdict").path("headline").asText())
                .contains(" of 4 threads \"import-worker-1\" … \"import-worker-4\" (Thread)");
        JsonNode holder = report.path("suspects").get(0).path("holder");
        assertThat(holder.path("threadCount").asLong()).isEqualTo(4);
        assertThat(holder.path("threadName").asText()).isEqualTo("import-worker-1");
        assertThat(holder.path("lastThreadName").asText()).isEqualTo("import-worker-4");
    }

    /**
     * Over 1 GB of steady data and a slow leak, +40,000 small records, under 1% of the heap. Each 1.2 GB dump is
     * summarised and deleted before the next is written, and the summaries are diffed: the fleet workflow, and a
     * peak of one dump on disk.
     */
    @Test
    void aSlowSteadyLeakInABigHeapIsASuspectWhateverItsShare() throws Exception {
        Path dir = out.resolve("audit");
        Process child = new ProcessBuilder(
                        ChildJvm.javaOf(System.getProperty("java.home")).toString(),
                        "-XX:+UseSerialGC",
                        "-Xmx1600m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LibraryLeaks.class.getName(),
                        "audit",
                        dir.toString(),
                        "step-by-step")
                .redirectErrorStream(true)
                .start();
        List<String> summaries = new ArrayList<>();
        try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                PrintStream next = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            for (int step = 1; step <= 3; step++) {
                String line = lines.readLine();
                assertThat(line).as("the child's report of dump " + step).startsWith("dumped ");
                Path dump = Path.of(line.substring("dumped ".length()));
                Cli.Result summarized = Cli.run("summarize", "-q", dump.toString(), "--out", out.toString());
                assertThat(summarized.exitCode()).as(summarized.err()).isZero();
                Files.delete(dump);
                next.println();
            }
            assertThat(lines.readLine()).isEqualTo("done");
        } finally {
            if (!child.waitFor(1, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        try (var files = Files.list(out)) {
            files.filter(f -> f.getFileName().toString().endsWith(".leakprobe-summary"))
                    .forEach(f -> summaries.add(f.toString()));
        }
        assertThat(summaries).hasSize(3);
        List<String> args = new ArrayList<>(List.of(
                "diff",
                "-q",
                "--json",
                out.resolve("audit.json").toString(),
                "--html",
                out.resolve("audit.html").toString()));
        args.addAll(summaries);
        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(out.resolve("audit.json"));
        assertThat(report.path("dumps").get(2).path("heapBytes").asLong()).isGreaterThan(1L << 30);
        JsonNode suspect = report.path("suspects").get(0);
        assertThat(suspect.path("className").asText()).isEqualTo(LIBS + "AuditRecord");
        assertThat(longs(suspect.path("count"))).containsExactly(20_000L, 40_000L, 60_000L);
        // Far below the 1% share that used to be required of any growth.
        assertThat(suspect.path("retainedDelta").asLong()).isLessThan((1L << 30) / 100);
        assertThat(result.out()).contains("accumulate in LibraryLeaks$AuditLog.ENTRIES (ArrayList)");
    }

    private JsonNode diff(String scenario, List<Path> dumps) throws IOException {
        Path json = out.resolve(scenario + ".json");
        List<String> args = new ArrayList<>(List.of(
                "diff",
                "-q",
                "--json",
                json.toString(),
                "--html",
                out.resolve(scenario + ".html").toString()));
        dumps.forEach(d -> args.add(d.toString()));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        GoldenText.assertMatches(GOLDEN, scenario, result.out());
        return result.json(json);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }
}
