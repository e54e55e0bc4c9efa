package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.fixture.PlantedDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's allocation-site files beside the dumps end up in the report. */
class SitesIT {

    @TempDir
    Path dir;

    @Test
    void sampledSurvivorsAreSharedOutOverTheirAllocationSites() throws IOException {
        List<Path> dumps = copy(PlantedDumps.of("sites"));
        Files.writeString(dumps.get(2).resolveSibling(dumps.get(2).getFileName() + ".alloc-sites.json"), """
                {"leakprobe":1,"pid":1,"sample":16,"classes":["dev.leakprobe.analyzer.fixture.TrackedItem"],
                 "droppedSites":0,"sites":[{"id":1,"frames":["app.Loader.load(Loader.java:10)"]},
                                           {"id":2,"frames":["app.Other.make(Other.java:20)"]},
                                           {"id":3,"frames":["app.Server.accept(Server.java:30)"]}]}""");

        Cli.Result result = Cli.run(
                DiffIT.args(dumps, "diff", "-q", "--json", dir.resolve("r.json").toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode suspect = suspect(result.json(dir.resolve("r.json")), "dev.leakprobe.analyzer.fixture.TrackedItem");
        JsonNode sites = suspect.path("allocationSites");
        assertThat(sites).hasSize(2);
        assertThat(sites.get(0).path("frames").get(0).asText()).isEqualTo("app.Loader.load(Loader.java:10)");
        assertThat(sites.get(0).path("samples").asLong()).isEqualTo(1125);
        assertThat(sites.get(0).path("share").asDouble()).isEqualTo(0.75);
        assertThat(sites.get(1).path("samples").asLong()).isEqualTo(375);
        // Sessions (loaded before an attach, say) are sampled through TrackedRefs instead of a field.
        JsonNode sessions = suspect(result.json(dir.resolve("r.json")), "dev.leakprobe.analyzer.fixture.Session");
        assertThat(sessions.path("allocationSites")).hasSize(1);
        assertThat(sessions.path("allocationSites").get(0).path("frames").get(0).asText())
                .isEqualTo("app.Server.accept(Server.java:30)");
        assertThat(sessions.path("allocationSites").get(0).path("samples").asLong())
                .isEqualTo(300);
        assertThat(sessions.path("allocationSites").get(0).path("share").asDouble())
                .isEqualTo(1.0);
    }

    private static JsonNode suspect(JsonNode report, String className) {
        for (JsonNode s : report.path("suspects")) {
            if (s.path("className").asText().equals(className)) {
                return s;
            }
        }
        throw new AssertionError("no suspect " + className + " in " + report.path("suspects"));
    }

    @Test
    void directBufferSitesGoToTheOffHeapSuspectAndTheOffHeapTimeline() throws IOException {
        List<Path> dumps = copy(PlantedDumps.of("direct"));
        for (int d = 0; d < 3; d++) {
            long count = 50L * (d + 1);
            Files.writeString(
                    dumps.get(d).resolveSibling(dumps.get(d).getFileName() + ".direct-sites.json"),
                    "{\"leakprobe\":1,\"pid\":1,\"capturedAt\":\"x\",\"droppedSites\":0,\"sites\":[{\"frames\":"
                            + "[\"app.Buffers.grab(Buffers.java:31)\"],\"liveBytes\":" + count * 65536
                            + ",\"liveCount\":" + count + ",\"allocatedBytes\":0,\"allocatedCount\":0}]}");
        }

        Cli.Result result = Cli.run(
                DiffIT.args(dumps, "diff", "-q", "--json", dir.resolve("r.json").toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = result.json(dir.resolve("r.json"));
        JsonNode site = report.path("suspects").get(0).path("offHeapSites").get(0);
        assertThat(site.path("frames").get(0).asText()).isEqualTo("app.Buffers.grab(Buffers.java:31)");
        assertThat(site.path("liveCount").asLong()).isEqualTo(150);
        JsonNode timeline = report.path("offHeap").path("sites").get(0);
        assertThat(DiffIT.longs(timeline.path("liveCount"))).containsExactly(50L, 100L, 150L);
    }

    private List<Path> copy(List<Path> dumps) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path dump : dumps) {
            Path copy = Files.copy(dump, dir.resolve(dump.getFileName()));
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(dump));
            copies.add(copy);
        }
        return copies;
    }
}
