package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.e2e.offheap.Allocator;
import dev.leakprobe.e2e.offheap.Archive;
import dev.leakprobe.e2e.offheap.FrameCache;
import dev.leakprobe.e2e.offheap.OffHeapLeaks;
import dev.leakprobe.e2e.offheap.UploadSpool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 24, item 9, with the packaged agent ({@code -javaagent}, {@code track-direct} on by default) and real dumps
 * on JDK 17 and 25: two owners of direct buffers that a third class allocates, and {@code FileChannel.map} regions
 * kept beside NIO's 128 KB temporary buffer. Joined by code, both owners had no site and the mapped leak showed the
 * temporary buffer's site; joined by address, each suspect shows its own site and nothing else.
 */
class OffHeapSitesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void eachOffHeapSuspectShowsTheSiteOfItsOwnBuffers(int jdk) throws Exception {
        Path dumps = work.resolve("dumps");
        Shell.Result run = Shell.run(
                work,
                Duration.ofMinutes(3),
                Map.of("_JAVA_SR_SIGNUM", "40"),
                List.of(
                        Repo.java(jdk).toString(),
                        "-Xmx64m",
                        "-javaagent:" + Repo.agentJar() + "=dir=" + dumps + ",metrics=off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OffHeapLeaks.class.getName(),
                        dumps.toString(),
                        work.toString()));
        assertThat(run.exitCode()).as("%s", run).isZero();

        Map<String, JsonNode> suspects = suspectsByHolder(diff(dumps));

        assertThat(suspects)
                .containsKeys(FrameCache.class.getName(), UploadSpool.class.getName(), Archive.class.getName());
        assertThat(sites(suspects.get(FrameCache.class.getName())))
                .containsExactly(Allocator.class.getName() + ".frame");
        assertThat(sites(suspects.get(UploadSpool.class.getName())))
                .containsExactly(Allocator.class.getName() + ".chunk");
        assertThat(sites(suspects.get(Archive.class.getName())))
                .containsExactly(Archive.class.getName() + ".mapRegion");
        JsonNode frames =
                suspects.get(FrameCache.class.getName()).path("offHeapSites").path(0);
        assertThat(frames.path("liveCount").asLong())
                .isEqualTo((long) OffHeapLeaks.ROUNDS * OffHeapLeaks.FRAMES_PER_ROUND);
        assertThat(frames.path("liveBytes").asLong())
                .isEqualTo((long) OffHeapLeaks.ROUNDS * OffHeapLeaks.FRAMES_PER_ROUND * Allocator.FRAME);
        JsonNode maps =
                suspects.get(Archive.class.getName()).path("offHeapSites").path(0);
        assertThat(maps.path("mapped").asBoolean()).isTrue();
        assertThat(maps.path("liveBytes").asLong())
                .isEqualTo((long) OffHeapLeaks.ROUNDS * OffHeapLeaks.REGIONS_PER_ROUND * Archive.REGION);
    }

    private JsonNode diff(Path dumps) throws Exception {
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
        try (Stream<Path> files = Files.list(dumps)) {
            files.map(Path::toString)
                    .filter(name -> name.endsWith(".hprof"))
                    .sorted()
                    .forEach(command::add);
        }
        Shell.Result diff = Shell.run(work, Duration.ofMinutes(3), Map.of(), command);
        assertThat(diff.exitCode()).as("%s", diff).isZero();
        return JSON.readTree(json.toFile());
    }

    /** Each suspect by the first class of its path (the class whose static field holds it). */
    private static Map<String, JsonNode> suspectsByHolder(JsonNode report) {
        Map<String, JsonNode> byHolder = new HashMap<>();
        for (JsonNode suspect : report.path("suspects")) {
            for (JsonNode step : suspect.path("path")) {
                if (step.path("classObject").asBoolean()) {
                    byHolder.putIfAbsent(step.path("className").asText(), suspect);
                }
            }
        }
        return byHolder;
    }

    /** The allocating method of each of a suspect's sites: {@code a.B.method}. */
    private static List<String> sites(JsonNode suspect) {
        List<String> methods = new ArrayList<>();
        for (JsonNode site : suspect.path("offHeapSites")) {
            String frame = site.path("frames").path(0).asText();
            methods.add(frame.substring(0, frame.indexOf('(')));
        }
        return methods;
    }
}
