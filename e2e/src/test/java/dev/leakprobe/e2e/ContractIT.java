package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.schema.AllocSites;
import dev.leakprobe.format.schema.DirectSites;
import dev.leakprobe.format.schema.DumpSidecar;
import dev.leakprobe.format.schema.MemoryFigures;
import dev.leakprobe.format.schema.MetricsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between agent and analyzer, end to end: the real agent jar writes a dump and every file beside it,
 * the analyzer's readers (the format module, as shaded into the analyzer jar) read them back, and the analyzer
 * jar's report carries what they hold.
 */
class ContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void whatTheAgentWritesBesideADumpTheAnalyzerReads() throws Exception {
        Path dir = work.resolve("dumps");
        Path dump;
        long pid;
        try (DemoServer server =
                DemoServer.start(17, "direct", dir, "name=contract,track=dev.leakprobe.demo.server.Session,sample=1")) {
            pid = server.pid();
            server.load(Duration.ofSeconds(2));
            dump = server.dump();
        }

        DumpName name = DumpName.parse(dump.getFileName().toString()).orElseThrow();
        assertThat(name.prefix()).isEqualTo("contract");
        assertThat(name.pid()).isEqualTo(pid);

        DumpSidecar sidecar = DumpSidecar.read(DumpSidecar.of(dump));
        DumpInfo info = DumpInfo.of(dump);
        assertThat(info.sidecar()).isTrue();
        assertThat(info.pid()).isEqualTo(pid);
        assertThat(info.trigger()).isEqualTo("signal").isEqualTo(sidecar.trigger());
        assertThat(info.epochMillis()).isEqualTo(sidecar.startedEpochMillis());
        assertThat(sidecar.file()).isEqualTo(dump.getFileName().toString());
        assertThat(sidecar.memory().pid()).isEqualTo(pid);
        assertThat(sidecar.memory().heapUsed()).isPositive();

        List<MemoryFigures> rows = MetricsFile.read(MetricsFile.in(dir));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.pid()).isEqualTo(pid));

        DirectSites direct = DirectSites.read(DirectSites.of(dump));
        assertThat(direct.pid()).isEqualTo(pid);
        assertThat(direct.sites().get(0).frames().get(0))
                .startsWith("dev.leakprobe.demo.server.ReadBufferCache.acquire(");
        assertThat(direct.sites()).noneMatch(site -> site.frames().stream().anyMatch(f -> f.contains(".agent.")));

        AllocSites alloc = AllocSites.read(AllocSites.of(dump));
        assertThat(alloc.classes()).containsExactly("dev.leakprobe.demo.server.Session");
        assertThat(alloc.sample()).isEqualTo(1);
        assertThat(alloc.sites())
                .anySatisfy(site ->
                        assertThat(site.frames().get(0)).startsWith("dev.leakprobe.demo.server.ChatServer.accept("));

        for (Path file :
                List.of(dump, DumpSidecar.of(dump), DirectSites.of(dump), AllocSites.of(dump), MetricsFile.in(dir))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("%s", file)
                    .isEqualTo("rw-------");
        }

        JsonNode report = analyze(dump);
        JsonNode reported = report.path("dumps").get(0);
        assertThat(reported.path("pid").asLong()).isEqualTo(pid);
        assertThat(reported.path("trigger").asText()).isEqualTo("signal");
        assertThat(reported.path("epochMillis").asLong()).isEqualTo(sidecar.startedEpochMillis());
        // Every metrics row, and the figures the dump's own sidecar took (its mark sits on a sample of its own).
        assertThat(report.path("metrics").path("samples").size()).isEqualTo(rows.size() + 1);
        assertThat(report.path("offHeap")
                        .path("sites")
                        .get(0)
                        .path("frames")
                        .get(0)
                        .asText())
                .isEqualTo(direct.sites().get(0).frames().get(0));
    }

    private JsonNode analyze(Path dump) throws Exception {
        Path json = work.resolve("analyze.json");
        Shell.Result result = Shell.run(
                work,
                Duration.ofMinutes(3),
                Map.of(),
                List.of(
                        Repo.java(17).toString(),
                        "-Xmx1g",
                        "-jar",
                        Repo.analyzerJar().toString(),
                        "analyze",
                        "-q",
                        "--no-cache",
                        "--json",
                        json.toString(),
                        "--html",
                        work.resolve("analyze.html").toString(),
                        dump.toString()));
        assertThat(result.exitCode()).as("%s", result).isZero();
        return JSON.readTree(json.toFile());
    }
}
