package dev.leakprobe.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.format.schema.RssParts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySnapshotTest {

    private static final MemorySnapshot SAMPLE = new MemorySnapshot(
            Instant.parse("2026-11-26T05:00:00.123Z"),
            4242,
            8_421_376,
            17_207_296,
            4_294_967_296L,
            37_392_384,
            1_048_576,
            3,
            0,
            0,
            30_000_000,
            20_000_000,
            4,
            12,
            null,
            -1);

    @Test
    void humanLineIsInTheSpiritOfNode() {
        assertThat(SAMPLE.toHumanLine())
                .isEqualTo("heapTotal 16.41 MB heapUsed 8.03 MB rss 35.66 MB direct 1.00 MB (3 buffers)");
    }

    @Test
    void humanLineEndsWithWhatNoJvmFigureExplains() {
        MemorySnapshot withParts = new MemorySnapshot(
                SAMPLE.time(),
                4242,
                8_421_376,
                17_207_296,
                -1,
                37_392_384,
                1_048_576,
                3,
                0,
                0,
                0,
                0,
                0,
                0,
                RssParts.of(37_392_384, 17_207_296, 0, 0, 0, 1_048_576, 0, Map.of()),
                -1);
        assertThat(withParts.toHumanLine())
                .isEqualTo(
                        "heapTotal 16.41 MB heapUsed 8.03 MB rss 35.66 MB direct 1.00 MB (3 buffers) unexplained 18.25 MB");
    }

    @Test
    void theLedgerOfThisJvmAddsUpToItsRss() {
        MemorySnapshot now = MemorySnapshot.capture();
        RssParts parts = now.rssParts();

        assertThat(parts.heapCommitted()).isEqualTo(now.heapTotal());
        assertThat(parts.metaspace()).isGreaterThanOrEqualTo(now.metaspaceUsed());
        assertThat(parts.codeCache()).isPositive();
        // Without Native Memory Tracking (this JVM runs without it): threads × 1 MB (ThreadStackSize on x86_64).
        assertThat(parts.nmt()).isEmpty();
        assertThat(parts.threadStacks()).isEqualTo(RssLedger.threadCount() << 20);
        assertThat(parts.direct()).isEqualTo(now.directUsed());
        // The heap counts as what of it is resident (the OS says, on Linux), and mapped files count too.
        assertThat(parts.heapResident()).isNotNull().isPositive().isLessThanOrEqualTo(parts.heapCommitted());
        assertThat(parts.files()).isNotNull().isPositive();
        assertThat(parts.unexplained())
                .isEqualTo(now.rss()
                        - parts.heapResident()
                        - parts.files()
                        - parts.metaspace()
                        - parts.codeCache()
                        - parts.threadStacks()
                        - parts.direct()
                        - parts.mapped());
    }

    @Test
    void heapAfterGcIsTheHeapLeftByTheLastGcAndTheRowCarriesIt() throws Exception {
        long before = MemorySnapshot.capture().heapAfterGc(); // starts listening
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1 << 20];
        }
        System.gc();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> MemorySnapshot.capture().heapAfterGc() >= 64L << 20);
        MemorySnapshot now = MemorySnapshot.capture();
        assertThat(now.heapAfterGc()).isLessThanOrEqualTo(now.heapTotal()).isNotEqualTo(before);
        assertThat(new ObjectMapper()
                        .readTree(now.toJsonLine())
                        .get("heapAfterGc")
                        .asLong())
                .isEqualTo(now.heapAfterGc());
        assertThat(kept[63]).hasSize(1 << 20);
    }

    @Test
    void jsonRowHasEveryFigureOfTheFormat() throws Exception {
        JsonNode row = new ObjectMapper().readTree(SAMPLE.toJsonLine());
        assertThat(row.get("time").asText()).isEqualTo("2026-11-26T05:00:00.123Z");
        assertThat(row.get("epochMillis").asLong()).isEqualTo(1795669200123L);
        assertThat(row.get("heapMax").asLong()).isEqualTo(4294967296L);
        assertThat(row.get("rss").asLong()).isEqualTo(37392384);
        assertThat(row.get("directCount").asLong()).isEqualTo(3);
        assertThat(row.get("gcTimeMillis").asLong()).isEqualTo(12);
        assertThat(row.size()).isEqualTo(15);
    }

    @Test
    void unknownRssIsNullInJsonAndNaInTheLine() throws Exception {
        MemorySnapshot noRss = new MemorySnapshot(
                SAMPLE.time(),
                1,
                1,
                1,
                -1,
                -1,
                0,
                1,
                0,
                0,
                0,
                0,
                0,
                0,
                RssParts.of(-1, 1, 0, 0, 0, 0, 0, Map.of()),
                -1);
        assertThat(new ObjectMapper().readTree(noRss.toJsonLine()).get("rss").isNull())
                .isTrue();
        assertThat(noRss.toHumanLine()).contains("rss n/a", "(1 buffer)");
    }

    @Test
    void captureReadsThisJvm() {
        MemorySnapshot now = MemorySnapshot.capture();
        assertThat(now.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(now.heapUsed()).isPositive();
        assertThat(now.rss()).isGreaterThan(now.heapUsed() / 4); // Linux: VmRSS is there
        assertThat(now.metaspaceUsed()).isPositive();
    }

    @Test
    void theLedgerHasAGaugePerPartInBytes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RssPartsMetrics().bindTo(registry);

        assertThat(registry.find("process.memory.rss.parts").gauges().stream()
                        .map(g -> g.getId().getTag("part")))
                .containsExactlyInAnyOrder(
                        "heapCommitted",
                        "metaspace",
                        "codeCache",
                        "threadStacks",
                        "direct",
                        "mapped",
                        "heapResident",
                        "files",
                        "unexplained");
        assertThat(registry.get("process.memory.rss.parts")
                        .tag("part", "heapCommitted")
                        .gauge()
                        .value())
                .isGreaterThan(1 << 20);
        assertThat(registry.get("process.memory.rss.parts")
                        .tag("part", "unexplained")
                        .gauge()
                        .getId()
                        .getBaseUnit())
                .isEqualTo("bytes");
    }

    @Test
    void rssMeterIsRegisteredInBytes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RssMetrics().bindTo(registry);
        assertThat(registry.get("process.memory.rss").gauge().value()).isGreaterThan(1 << 20);
        assertThat(registry.get("process.memory.rss").gauge().getId().getBaseUnit())
                .isEqualTo("bytes");
    }
}
