package dev.leakprobe.format.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.format.json.JsonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each schema reads back what it writes, and what it writes is the JSON of DEVELOPERS.md for a real parser. */
class SchemasTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final MemoryFigures MEMORY = new MemoryFigures(
            1795669200123L, 4242, 8421376, 17207296, -1, -1, 1048576, 3, 0, 0, 30000000, 20000000, 4, 12, null);
    private static final RssParts PARTS = RssParts.of(
            90_000_000,
            17207296,
            21000000,
            8000000,
            19 << 20,
            1048576,
            0,
            new java.util.LinkedHashMap<>(java.util.Map.of("GC", 40_000_000L)));

    @TempDir
    Path dir;

    @Test
    void aMetricsRowRoundTripsWithUnknownRssAsNull() throws Exception {
        String line = MEMORY.toJsonLine();
        assertThat(MemoryFigures.parse(line)).isEqualTo(MEMORY);
        JsonNode json = JACKSON.readTree(line);
        assertThat(json.get("rss").isNull()).isTrue();
        assertThat(json.get("time").asText()).isEqualTo("2026-11-26T05:00:00.123Z");
        assertThat(json.get("heapUsed").asLong()).isEqualTo(8421376);
    }

    @Test
    void aRowWithTheLedgerRoundTripsAndItsUnexplainedPartIsWhatRssLeavesEvenBelowZero() throws Exception {
        MemoryFigures row = withParts(PARTS);
        String line = row.toJsonLine();

        assertThat(MemoryFigures.parse(line)).isEqualTo(row);
        JsonNode parts = JACKSON.readTree(line).path("rssParts");
        assertThat(parts.path("heapCommitted").asLong()).isEqualTo(17207296);
        assertThat(parts.path("nmt").path("GC").asLong()).isEqualTo(40_000_000L);
        // 90 MB of rss against 17.2 + 21 + 8 + 19.9 + 1 + 40 MB of parts: committed is not all resident.
        assertThat(parts.path("unexplained").asLong())
                .isEqualTo(90_000_000L - 17207296 - 21000000 - 8000000 - (19 << 20) - 1048576 - 40_000_000L)
                .isNegative();
    }

    @Test
    void aLedgerWithoutTrackingHasNoNmtAndAnUnknownRssLeavesNothingExplained() throws Exception {
        RssParts parts = RssParts.of(-1, 1, 2, 3, 4, 5, 6, java.util.Map.of());
        String line = withParts(parts).toJsonLine();

        assertThat(MemoryFigures.parse(line).rssParts()).isEqualTo(parts);
        JsonNode json = JACKSON.readTree(line).path("rssParts");
        assertThat(json.has("nmt")).isFalse();
        assertThat(json.get("unexplained").isNull()).isTrue();
    }

    @Test
    void aRowWrittenBeforeTheLedgerStillReads() throws Exception {
        String old = "{\"time\":\"2026-11-26T05:00:00.123Z\",\"epochMillis\":1795669200123,\"pid\":4242,"
                + "\"heapUsed\":8421376,\"rss\":37392384}";
        assertThat(MemoryFigures.parse(old).rssParts()).isNull();
        assertThat(MemoryFigures.parse(old).rss()).isEqualTo(37392384);
    }

    @Test
    void aGrowthSidecarRoundTripsWithItsSeries() throws Exception {
        GrowthSeries growth = new GrowthSeries(2, 3, 3, 1258291.2, 0.97, 1_800_000, 42);
        DumpSidecar sidecar = new DumpSidecar(
                4242,
                "chat",
                "chat-4242-20261126-050000-1.hprof",
                "growth",
                true,
                7,
                1795669200100L,
                1795669201300L,
                withParts(PARTS),
                growth);

        assertThat(DumpSidecar.parse(sidecar.toJson())).isEqualTo(sidecar);
        assertThat(DumpSidecar.parse(sidecar.toJson()).growth().isLast()).isTrue();
        assertThat(DumpSidecar.parse(sidecar.toJson()).growth().part()).isEqualTo("heap");
        assertThat(JACKSON.readTree(sidecar.toJson()).path("growth").path("r2").asDouble())
                .isEqualTo(0.97);
        assertThat(DumpSidecar.TRIGGERS).contains("growth");
    }

    private static MemoryFigures withParts(RssParts parts) {
        return new MemoryFigures(
                MEMORY.epochMillis(),
                4242,
                8421376,
                17207296,
                -1,
                90_000_000,
                1048576,
                3,
                0,
                0,
                30000000,
                20000000,
                4,
                12,
                parts);
    }

    @Test
    void theMetricsFileSkipsATornLastLine() throws Exception {
        Path file = MetricsFile.in(dir);
        Files.writeString(file, MetricsFile.line(MEMORY) + MetricsFile.line(MEMORY) + "{\"time\":\"2026-");
        assertThat(MetricsFile.read(file)).containsExactly(MEMORY, MEMORY);
    }

    @Test
    void aDumpSidecarRoundTrips() throws Exception {
        DumpSidecar sidecar = new DumpSidecar(
                4242,
                "chat",
                "chat-4242-20261126-050000-1.hprof",
                "signal",
                true,
                1,
                1795669200100L,
                1795669201300L,
                MEMORY,
                null);
        Path file = DumpSidecar.of(dir.resolve(sidecar.file()));
        Files.writeString(file, sidecar.toJson());

        assertThat(file.getFileName().toString()).isEqualTo("chat-4242-20261126-050000-1.hprof.json");
        assertThat(DumpSidecar.read(file)).isEqualTo(sidecar);
        assertThat(JACKSON.readTree(file.toFile()).path("memory").path("pid").asLong())
                .isEqualTo(4242);
    }

    @Test
    void aHandWrittenSidecarWithFieldsMissingStillReads() throws Exception {
        DumpSidecar sidecar = DumpSidecar.parse("{\"leakprobe\":1,\"pid\":7,\"startedEpochMillis\":1000}");
        assertThat(sidecar.pid()).isEqualTo(7);
        assertThat(sidecar.trigger()).isNull();
        assertThat(sidecar.memory()).isNull();
        assertThatThrownBy(() -> DumpSidecar.parse("{\"pid\":\"seven\"}")).isInstanceOf(JsonException.class);
    }

    @Test
    void directSitesRoundTrip() throws Exception {
        DirectSites sites = new DirectSites(
                4242,
                "2026-11-26T05:00:01Z",
                2,
                5,
                List.of(new DirectSites.Site(List.of("a.B.c(B.java:1)", "a.B.d(B.java:2)"), 4096, 1, 8192, 2)));
        assertThat(DirectSites.parse(sites.toJson())).isEqualTo(sites);
        assertThat(JACKSON.readTree(sites.toJson())
                        .path("sites")
                        .path(0)
                        .path("liveBytes")
                        .asLong())
                .isEqualTo(4096);
    }

    @Test
    void directSitesCarryEachLiveBufferAddressAndWhetherTheSiteMapsFilesAndOlderFilesHaveNone() throws Exception {
        DirectSites sites = new DirectSites(
                4242,
                "2026-11-26T05:00:01Z",
                0,
                0,
                32,
                List.of(
                        new DirectSites.Site(
                                List.of("a.Frames.allocate(Frames.java:1)"),
                                0,
                                8192,
                                2,
                                8192,
                                2,
                                false,
                                List.of(0x7f3a_1000_0010L, 0x7f3a_1000_2010L)),
                        new DirectSites.Site(
                                List.of("a.Archive.map(Archive.java:9)"),
                                0,
                                1 << 20,
                                1,
                                1 << 20,
                                1,
                                true,
                                List.of(0x7f3b_0000_0000L))));
        assertThat(DirectSites.parse(sites.toJson())).isEqualTo(sites);
        JsonNode json = JACKSON.readTree(sites.toJson());
        assertThat(json.path("sites").path(0).path("addresses").get(1).asLong()).isEqualTo(0x7f3a_1000_2010L);
        assertThat(json.path("sites").path(0).has("mapped")).isFalse();
        assertThat(json.path("sites").path(1).path("mapped").asBoolean()).isTrue();

        DirectSites older = DirectSites.parse("{\"leakprobe\":1,\"sites\":[{\"frames\":[\"a.B.c(B.java:1)\"]}]}");
        assertThat(older.sites().get(0).addresses()).isEmpty();
        assertThat(older.sites().get(0).mapped()).isFalse();
        assertThatThrownBy(() ->
                        DirectSites.parse("{\"sites\":[{\"frames\":[\"a.B.c(B.java:1)\"],\"addresses\":[\"0x10\"]}]}"))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("addresses");
    }

    @Test
    void sitesSayTheirApplicationFrameAndDepthAndOlderFilesReadAsUnknown() throws Exception {
        DirectSites direct = new DirectSites(
                4242,
                "2026-11-26T05:00:01Z",
                0,
                0,
                32,
                List.of(new DirectSites.Site(
                        List.of(
                                "io.netty.buffer.PoolArena.allocate(PoolArena.java:1)",
                                "com.acme.Upload.read(Upload.java:2)"),
                        1,
                        4096,
                        1,
                        4096,
                        1)));
        assertThat(DirectSites.parse(direct.toJson())).isEqualTo(direct);
        JsonNode json = JACKSON.readTree(direct.toJson());
        assertThat(json.path("stackDepth").asInt()).isEqualTo(32);
        assertThat(json.path("sites").path(0).path("applicationFrame").asInt()).isEqualTo(1);
        assertThat(direct.sites().get(0).libraryFrames())
                .containsExactly("io.netty.buffer.PoolArena.allocate(PoolArena.java:1)");

        AllocSites alloc = new AllocSites(
                4242,
                16,
                List.of("a.Session"),
                0,
                0,
                32,
                List.of(new AllocSites.Site(1, List.of("a.Server.accept(Server.java:9)"), 0, 31)));
        assertThat(AllocSites.parse(alloc.toJson())).isEqualTo(alloc);
        assertThat(alloc.sites().get(0).libraryFrames()).isEmpty();

        DirectSites older = DirectSites.parse("{\"leakprobe\":1,\"sites\":[{\"frames\":[\"a.B.c(B.java:1)\"]}]}");
        assertThat(older.stackDepth()).isZero();
        assertThat(older.sites().get(0).applicationFrame()).isEqualTo(-1);
        assertThat(older.sites().get(0).libraryFrames()).isEmpty();
        assertThatThrownBy(() ->
                        DirectSites.parse("{\"sites\":[{\"frames\":[\"a.B.c(B.java:1)\"],\"applicationFrame\":1}]}"))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("applicationFrame");
    }

    @Test
    void allocSitesRoundTripAndRefuseAnIdThatNoInstanceCanCarry() throws Exception {
        AllocSites sites = new AllocSites(
                4242,
                16,
                List.of("a.Session"),
                1,
                3,
                List.of(new AllocSites.Site(1, List.of("a.Server.accept(Server.java:9)"), 31)));
        assertThat(AllocSites.parse(sites.toJson())).isEqualTo(sites);
        assertThatThrownBy(() -> AllocSites.parse("{\"sites\":[{\"id\":0,\"frames\":[]}]}"))
                .isInstanceOf(JsonException.class);
    }
}
