package dev.leakprobe.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
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
