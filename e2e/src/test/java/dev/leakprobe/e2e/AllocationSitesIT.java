package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Allocation sites from the agent to the report, on JDK 17 and 25: the direct buffers of the demo's off-heap leak
 * are traced to the demo method that allocates them, and the sessions of its heap leak to where they were created.
 */
class AllocationSitesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theDirectSitesSidecarNamesTheDemoMethodThatAllocatesTheBuffers(int jdk) throws Exception {
        Path dumps = work.resolve("dumps");
        try (DemoServer server = DemoServer.start(jdk, "direct", dumps, "")) {
            server.load(Duration.ofSeconds(3));
            Path dump = server.dump();

            JsonNode sidecar = JSON.readTree(dump.resolveSibling(dump.getFileName() + ".direct-sites.json")
                    .toFile());
            JsonNode top = sidecar.path("sites").path(0);
            assertThat(top.path("frames").path(0).asText())
                    .as("top site by live bytes in %s", sidecar)
                    .startsWith("dev.leakprobe.demo.server.ReadBufferCache.acquire(");
            assertThat(top.path("liveCount").asLong()).isPositive();
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theDiffReportNamesWhereTheLeakedSessionsWereAllocated(int jdk) throws Exception {
        Path dumps = work.resolve("dumps");
        try (DemoServer server =
                DemoServer.start(jdk, "leak", dumps, "track=dev.leakprobe.demo.server.Session,sample=4")) {
            server.load(Duration.ofSeconds(2));
            server.dump();
            server.load(Duration.ofSeconds(4));
            server.dump();
        }

        Path json = work.resolve("diff.json");
        List<String> command = new ArrayList<>(List.of(
                Repo.java(17).toString(),
                "-Xmx1g",
                "-jar",
                Repo.analyzerJar().toString(),
                "diff",
                "-q",
                "--json",
                json.toString(),
                "--html",
                work.resolve("diff.html").toString()));
        DemoServer.hprofFilesIn(dumps).forEach(dump -> command.add(dump.toString()));
        Shell.Result diff = Shell.run(work, Duration.ofMinutes(3), Map.of(), command);
        assertThat(diff.exitCode()).as("%s", diff).isZero();

        JsonNode suspect = JSON.readTree(json.toFile()).path("suspects").path(0);
        assertThat(suspect.path("className").asText()).isEqualTo("dev.leakprobe.demo.server.Session");
        JsonNode site = suspect.path("allocationSites").path(0);
        assertThat(site.path("frames").path(0).asText()).startsWith("dev.leakprobe.demo.server.ChatServer.accept(");
        assertThat(site.path("share").asDouble()).isGreaterThan(0.9);
    }
}
