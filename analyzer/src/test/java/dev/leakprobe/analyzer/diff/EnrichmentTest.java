package dev.leakprobe.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.summary.BufferNodes;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import dev.leakprobe.format.schema.DirectSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTest {

    @TempDir
    Path dir;

    /** The bug: every off-heap suspect got the JVM's top ten direct-buffer sites, whoever allocated them. */
    @Test
    void eachOffHeapSuspectGetsTheSitesOfItsOwnCodeOnly() throws Exception {
        Path dump = dir.resolve("app-1-20261126-050000-1.hprof");
        Files.writeString(dump, "JAVA PROFILE 1.0.2");
        Files.writeString(
                DirectSites.of(dump),
                new DirectSites(
                                1,
                                "t",
                                0,
                                0,
                                List.of(
                                        site("app.net.ReadCache.acquire(ReadCache.java:31)", 8 << 20),
                                        site("app.io.Journal$Writer.grow(Journal.java:77)", 4 << 20),
                                        site("io.netty.Pool.allocate(Pool.java:9)", 16 << 20)))
                        .toJson());
        Suspect cache = suspect("java.nio.DirectByteBuffer", "app.net.ReadCache", 8 << 20, 10);
        Suspect journal = suspect("java.nio.DirectByteBuffer", "app.io.Journal$Writer", 4 << 20, 5);
        Suspect heapOnly = suspect("app.Session", "app.net.ReadCache", 0, 1);

        Analysis analysis = new Enrichment(List.of(info(dump)), List.of(summary()))
                .analysis(Analysis.Kind.ANALYZE, List.of(), List.of(heapOnly, journal, cache));

        assertThat(analysis.suspects()).extracting(Suspect::rank).containsExactly(1, 2, 3);
        assertThat(analysis.suspects().get(0).offHeapSites())
                .extracting(s -> s.frames().get(0))
                .containsExactly("app.net.ReadCache.acquire(ReadCache.java:31)");
        assertThat(analysis.suspects().get(1).offHeapSites())
                .extracting(s -> s.frames().get(0))
                .containsExactly("app.io.Journal$Writer.grow(Journal.java:77)");
        assertThat(analysis.suspects().get(2).offHeapSites()).isEmpty();
        assertThat(analysis.offHeap().sites()).hasSize(3);
        assertThat(analysis.offHeap().sites().get(0).frames().get(0)).startsWith("io.netty.Pool");
    }

    @Test
    void aLoneOffHeapSuspectWhoseCodeNoSiteNamesGetsTheBiggestSitesUpToWhatItRetains() throws Exception {
        Path dump = dir.resolve("app-1-20261126-050000-1.hprof");
        Files.writeString(dump, "JAVA PROFILE 1.0.2");
        Files.writeString(
                DirectSites.of(dump),
                new DirectSites(
                                1,
                                "t",
                                0,
                                0,
                                List.of(
                                        site("app.Buffers.grab(Buffers.java:31)", 8 << 20),
                                        site("io.netty.Pool.allocate(Pool.java:9)", 6 << 20)))
                        .toJson());
        Suspect registry = suspect("java.nio.DirectByteBuffer", "app.Registry", 8 << 20, 1);

        Analysis analysis = new Enrichment(List.of(info(dump)), List.of(summary()))
                .analysis(Analysis.Kind.ANALYZE, List.of(), List.of(registry));

        assertThat(analysis.suspects().get(0).offHeapSites())
                .extracting(s -> s.frames().get(0))
                .containsExactly("app.Buffers.grab(Buffers.java:31)");
    }

    /**
     * A pool's site (io.netty...) with the application's callers beyond it: the suspect's site names the caller, the
     * pool's frame beside it, and how many recorded callers share the pool's site.
     */
    @Test
    void aSiteBehindAPoolNamesTheApplicationsFrameAndThePoolsOtherCallers() throws Exception {
        Path dump = dir.resolve("app-1-20261126-050000-1.hprof");
        Files.writeString(dump, "JAVA PROFILE 1.0.2");
        List<String> pool = List.of("io.netty.Pool.allocate(Pool.java:9)", "io.netty.Pool.grow(Pool.java:20)");
        Files.writeString(
                DirectSites.of(dump),
                new DirectSites(
                                1,
                                "t",
                                0,
                                0,
                                List.of(
                                        pooled(pool, "app.Uploads.store(Uploads.java:40)", 8 << 20),
                                        pooled(pool, "app.Thumbs.render(Thumbs.java:12)", 2 << 20)))
                        .toJson());
        Suspect uploads = suspect("java.nio.DirectByteBuffer", "app.Uploads", 8 << 20, 1);

        Analysis analysis = new Enrichment(List.of(info(dump)), List.of(summary()))
                .analysis(Analysis.Kind.ANALYZE, List.of(), List.of(uploads));

        OffHeapSite site = analysis.suspects().get(0).offHeapSites().get(0);
        assertThat(site.applicationFrame()).isEqualTo(2);
        assertThat(site.sharedBy()).isEqualTo(2);
        assertThat(dev.leakprobe.analyzer.report.Wording.siteFrame(site.frames(), site.applicationFrame()))
                .isEqualTo("app.Uploads.store(Uploads.java:40) (through io.netty.Pool.allocate(Pool.java:9))");
    }

    /**
     * Issue 24, item 9: two owners whose buffers another class allocates, and mapped buffers beside a temporary
     * buffer of the same class. Joined by code, the owners got no site (none names FrameCache or UploadSpool) and the
     * mapped buffers the temporary buffer's site (it names Archive). Joined by address, each gets its own.
     */
    @Test
    void eachSuspectGetsTheSitesOfItsOwnBuffersJoinedByAddress() throws Exception {
        Path dump = dir.resolve("app-1-20261126-050000-1.hprof");
        Files.writeString(dump, "JAVA PROFILE 1.0.2");
        Files.writeString(
                DirectSites.of(dump),
                new DirectSites(
                                1,
                                "t",
                                0,
                                0,
                                32,
                                List.of(
                                        addressed("app.Archive.copy(Archive.java:5)", 128 << 10, false, 0x50_000),
                                        addressed(
                                                "app.io.Buffers.frame(Buffers.java:10)",
                                                3 << 16,
                                                false,
                                                0x10_000,
                                                0x20_000,
                                                0x30_000),
                                        addressed(
                                                "app.io.Buffers.chunk(Buffers.java:20)",
                                                2 << 16,
                                                false,
                                                0x90_000,
                                                0xA0_000),
                                        addressed(
                                                "app.Archive.open(Archive.java:9)",
                                                2 << 20,
                                                true,
                                                0x7f00_0000,
                                                0x7f10_0000)))
                        .toJson());
        List<PathNode> nodes = List.of(
                node(-1, "app.FrameCache", true, null),
                node(0, "java.util.ArrayList", false, "FRAMES"),
                node(1, "java.lang.Object[]", false, "elementData"),
                node(2, "java.nio.DirectByteBuffer", false, "[]"),
                node(-1, "app.UploadSpool", true, null),
                node(4, "java.util.ArrayList", false, "CHUNKS"),
                node(5, "java.lang.Object[]", false, "elementData"),
                node(6, "java.nio.DirectByteBuffer", false, "[]"),
                node(-1, "app.Archive", true, null),
                node(8, "java.util.ArrayList", false, "MAPS"),
                node(9, "java.lang.Object[]", false, "elementData"),
                node(10, "java.nio.DirectByteBufferR", false, "[]"),
                node(-1, "java.lang.Thread", false, null),
                node(12, "java.nio.DirectByteBuffer", false, "scratch"));
        BufferNodes buffers = new BufferNodes(
                new long[] {0x10_000, 0x20_000, 0x30_000, 0x90_000, 0xA0_000, 0x7f00_0000, 0x7f10_0000, 0x50_000},
                new long[] {1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 20, 1 << 20, 128 << 10},
                new int[] {3, 3, 3, 7, 7, 11, 11, 13});
        Suspect frames = suspect(nodes, 3, 3 << 16, 10);
        Suspect chunks = suspect(nodes, 7, 2 << 16, 5);
        Suspect maps = suspect(nodes, 11, 2 << 20, 20);

        Analysis analysis = new Enrichment(List.of(info(dump)), List.of(summary(nodes, buffers)))
                .analysis(Analysis.Kind.ANALYZE, List.of(), List.of(frames, chunks, maps));

        Map<String, List<OffHeapSite>> byHolder = new java.util.HashMap<>();
        analysis.suspects().forEach(s -> byHolder.put(s.path().get(0).className(), s.offHeapSites()));
        assertThat(byHolder.get("app.FrameCache"))
                .extracting(s -> s.frames().get(0), OffHeapSite::liveBytes, OffHeapSite::liveCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app.io.Buffers.frame(Buffers.java:10)", 3L << 16, 3L));
        assertThat(byHolder.get("app.UploadSpool"))
                .extracting(s -> s.frames().get(0), OffHeapSite::liveBytes, OffHeapSite::liveCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app.io.Buffers.chunk(Buffers.java:20)", 2L << 16, 2L));
        assertThat(byHolder.get("app.Archive"))
                .extracting(s -> s.frames().get(0), OffHeapSite::mapped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app.Archive.open(Archive.java:9)", true));
    }

    private static PathNode node(int parent, String className, boolean classObject, String field) {
        return new PathNode(
                parent, className, classObject, field, parent < 0 ? "Java static" : null, 1, 16, 16, 0, null);
    }

    /** A suspect whose path is the chain of nodes down to {@code last}. */
    private static Suspect suspect(List<PathNode> nodes, int last, long offHeap, double score) {
        List<PathStep> path = new java.util.ArrayList<>();
        for (int i = last; i >= 0; i = nodes.get(i).parent()) {
            PathNode n = nodes.get(i);
            path.add(0, new PathStep(n.className(), n.field(), n.rootKind(), n.classObject()));
        }
        String owner = path.get(0).className();
        String className = nodes.get(last).className();
        return Suspect.found(
                Finding.HOLDER,
                className,
                new AccumulationPoint(
                        "java.util.ArrayList", nodes.get(i(last, nodes)).field(), owner),
                path,
                "text",
                new long[] {10},
                new long[] {1000},
                new long[] {offHeap},
                Steadiness.ONE_DUMP,
                new Suspect.Subject(className, 10, offHeap, 0.3),
                score);
    }

    /** The index of the ArrayList above {@code last}. */
    private static int i(int last, List<PathNode> nodes) {
        return nodes.get(nodes.get(last).parent()).parent();
    }

    private static DirectSites.Site addressed(String frame, long liveBytes, boolean mapped, long... addresses) {
        List<Long> list = java.util.Arrays.stream(addresses).boxed().toList();
        return new DirectSites.Site(
                List.of(frame), 0, liveBytes, addresses.length, liveBytes, addresses.length, mapped, list);
    }

    private static DumpSummary summary(List<PathNode> nodes, BufferNodes buffers) {
        return new DumpSummary(
                DumpSummary.FORMAT,
                null,
                10,
                1000,
                28 << 20,
                3,
                2 << 20,
                2,
                List.of(),
                List.of(),
                List.of(),
                nodes,
                Map.of(),
                null,
                buffers);
    }

    private static DirectSites.Site pooled(List<String> pool, String caller, long liveBytes) {
        List<String> frames = new java.util.ArrayList<>(pool);
        frames.add(caller);
        return new DirectSites.Site(frames, pool.size(), liveBytes, 1, liveBytes, 1);
    }

    private static DirectSites.Site site(String frame, long liveBytes) {
        return new DirectSites.Site(List.of(frame), liveBytes, liveBytes >> 16, liveBytes, liveBytes >> 16);
    }

    private static Suspect suspect(String className, String holder, long offHeap, double score) {
        AccumulationPoint point = new AccumulationPoint("java.util.ArrayDeque", "buffers", holder);
        List<PathStep> path = List.of(
                new PathStep(holder, null, "Java static", true),
                new PathStep("java.util.ArrayDeque", "buffers", null, false),
                new PathStep(className, "[]", null, false));
        return Suspect.found(
                Finding.HOLDER,
                className,
                point,
                path,
                "text",
                new long[] {10},
                new long[] {1000},
                new long[] {offHeap},
                Steadiness.ONE_DUMP,
                new Suspect.Subject(className, 10, offHeap, 0.5),
                score);
    }

    private static DumpInfo info(Path dump) {
        return new DumpInfo(dump, 0, "signal", 1L, 18, true);
    }

    private static DumpSummary summary() {
        return new DumpSummary(
                DumpSummary.FORMAT,
                null,
                10,
                1000,
                28 << 20,
                3,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                null);
    }
}
