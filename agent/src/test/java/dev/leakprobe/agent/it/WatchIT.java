package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watch mode (issue 12, item 1; issue 18; issue 19, item 7) in child JVMs that serve "requests" ({@link
 * WatchWorkloads}): a steady leak gets one series of three growth dumps, a bounded sawtooth and a churning LRU
 * cache none, a slow-allocating leak is judged in a stretched window, a direct-buffer leak without GCs gets a series
 * of its own, and a leak in bursts exactly one. Windows are short and judged often (a tenth of the window, at least
 * a second), and {@code watch-verbose} logs every judgement: the events these tests wait for.
 */
class WatchIT {

    private static final Duration LONG_ENOUGH = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void aSteadyLeakGetsExactlyOneSeriesOfThreeGrowthDumps() throws Exception {
        Path dir = tmp.resolve("leak");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=20s,watch-warmup=1s,watch-every=3s,watch-verbose=true")
                .workload("leak", "120")
                .start()) {
            assertThat(jvm.awaitReady()).contains(" watch=20s watch-every=3s watch-warmup=1s ");
            String why = jvm.awaitStderr(l -> l.startsWith("[leakprobe] live set +"), LONG_ENOUGH);
            assertThat(why)
                    .matches(
                            "\\[leakprobe] live set \\+\\d+\\.\\d (MB|KB)/min over \\d+ s \\(r² (0\\.[89]\\d|1\\.00)\\):"
                                    + " taking 3 dumps 3 s apart \\(growth series 1, \\d+ GCs, live set now .+ max heap\\)");
            // Judged from what survives old collections, not from the heap after any GC.
            assertThat(jvm.stderrMatching(l -> l.contains(": steady growth")))
                    .first()
                    .asString()
                    .contains("old collections of");
            jvm.awaitStderr(l -> l.contains("growth series 1 complete: 3 dumps in " + dir), LONG_ENOUGH);
            // The leak goes on: ten judgements after the series take no second one (the budget, or growth that
            // has not yet stopped and resumed).
            long judgedBefore = judgements(jvm);
            jvm.awaitStderr(l -> judgements(jvm) >= judgedBefore + 10, LONG_ENOUGH);

            List<Path> dumps = Dumps.in(dir);
            assertThat(dumps).hasSize(3);
            List<Long> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode sidecar = Dumps.assertCompleteDump(dumps.get(i), jvm.pid(), "growth");
                JsonNode growth = sidecar.get("growth");
                assertThat(growth.get("series").asInt()).isEqualTo(1);
                assertThat(growth.get("index").asInt()).isEqualTo(i + 1);
                assertThat(growth.get("size").asInt()).isEqualTo(3);
                assertThat(growth.get("bytesPerMinute").asDouble()).isPositive();
                assertThat(growth.get("r2").asDouble()).isBetween(0.8, 1.0);
                assertThat(growth.get("windowMillis").asLong()).isIn(20_000L, 40_000L, 60_000L); // stretched or not
                assertThat(growth.get("part").asText()).isEqualTo("heap");
                started.add(sidecar.get("startedEpochMillis").asLong());
            }
            // watch-every apart, as the watch asks for them; a sidecar's time is when the dump thread took the
            // request, a few milliseconds either way.
            assertThat(started.get(1) - started.get(0)).as("watch-every apart").isGreaterThan(3000 - 100);
            assertThat(started.get(2) - started.get(1)).as("watch-every apart").isGreaterThan(3000 - 100);
            assertThat(jvm.stderrMatching(l -> l.contains("growth series 2"))).isEmpty();
        }
    }

    @Test
    void aBoundedSawtoothGetsNoGrowthDumpOverManyJudgedWindows() throws Exception {
        Path dir = tmp.resolve("sawtooth");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=10s,watch-warmup=2s,watch-verbose=true")
                .workload("sawtooth", "120")
                .start()) {
            jvm.awaitReady();
            // Fifteen judgements a second apart: windows that together cover 24 s of a cache filled and cleared
            // every 3 s.
            jvm.awaitStderr(l -> judgements(jvm) >= 15, LONG_ENOUGH);

            assertThat(jvm.stderrMatching(l -> l.startsWith("[leakprobe] watch: live set ")))
                    .allMatch(l -> l.contains(": no steady growth"));
            assertThat(jvm.stderrMatching(l -> l.contains("growth series"))).isEmpty();
            assertThat(Dumps.in(dir)).isEmpty();
        }
    }

    @Test
    void aSlowAllocatingLeakIsJudgedInAWindowStretchedToHoldEnoughGcs() throws Exception {
        // A GC every few seconds: a 10 s window holds two or three, fewer than the 10 a judgement needs (issue 18:
        // "not judged: 2 GCs, 10 needed" for minutes, no dump).
        Path dir = tmp.resolve("slow");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=10s,watch-warmup=1s,watch-every=2s,watch-verbose=true")
                .workload("slow-leak", "400")
                .start()) {
            jvm.awaitReady();
            String stretch = jvm.awaitStderr(l -> l.contains("windows stretch until they hold"), LONG_ENOUGH);
            assertThat(stretch)
                    .matches("\\[leakprobe] watch: the last 10 s held \\d+ GCs \\(\\d+ old collections\\); windows"
                            + " stretch until they hold 10 GCs and 4 old collections, up to 10 × 10 s = 100 s .*said"
                            + " once\\)");
            jvm.awaitStderr(l -> l.contains("growth series 1 complete: 3 dumps"), Duration.ofSeconds(300));

            assertThat(jvm.stderrMatching(l -> l.contains("windows stretch until")))
                    .hasSize(1); // said once
            assertThat(jvm.stderrMatching(l -> l.startsWith("[leakprobe] live set +")))
                    .singleElement()
                    .asString()
                    .matches(".* over ([2-9]\\d s|100 s) .*"); // judged in a window longer than 10 s
            List<Path> dumps = Dumps.in(dir);
            assertThat(dumps).hasSize(3);
            assertThat(Dumps.assertCompleteDump(dumps.get(0), jvm.pid(), "growth")
                            .get("growth")
                            .get("part")
                            .asText())
                    .isEqualTo("heap");
        }
    }

    @Test
    void aDirectBufferLeakWithoutGcsGetsASeriesOfItsOwn() throws Exception {
        // 1.25 MB/s of direct buffers and next to no garbage: no GC to judge the heap by (issue 18: 30 x "not
        // judged: 0 GCs" while mapped memory grew to 230 MB).
        Path dir = tmp.resolve("direct");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=10s,watch-warmup=1s,watch-every=2s,watch-verbose=true")
                .workload("direct-leak", "180")
                .start()) {
            jvm.awaitReady();
            String why = jvm.awaitStderr(l -> l.startsWith("[leakprobe] direct +"), LONG_ENOUGH);
            assertThat(why)
                    .matches("\\[leakprobe] direct \\+\\d+\\.\\d MB/min over 10 s \\(r² (0\\.[89]\\d|1\\.00)\\):"
                            + " taking 3 dumps 2 s apart \\(growth series 1, \\d+ samples, direct now .+\\)");
            jvm.awaitStderr(l -> l.contains("growth series 1 complete: 3 dumps"), LONG_ENOUGH);

            assertThat(jvm.stderrMatching(l -> l.contains("watch: the last") && l.contains("not judged: 0 GCs")))
                    .as("the heap had no GC to be judged by")
                    .isNotEmpty();
            List<Path> dumps = Dumps.in(dir);
            assertThat(dumps).hasSize(3);
            for (Path dump : dumps) {
                JsonNode growth =
                        Dumps.assertCompleteDump(dump, jvm.pid(), "growth").get("growth");
                assertThat(growth.get("part").asText()).isEqualTo("direct");
                assertThat(growth.get("bytesPerMinute").asDouble()).isGreaterThan(1 << 20);
            }
        }
    }

    @Test
    void aChurningBoundedLruCacheGetsNoSeriesOverManyJudgedWindows() throws Exception {
        // Issue 18: with watch-gcs=3 a bounded LRU with heavy churn got "live set +227.2 MB/min": the heap after
        // young GCs counts garbage promoted to the old generation. Judged from old collections it does not grow.
        Path dir = tmp.resolve("lru");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=10s,watch-warmup=2s,watch-gcs=3,watch-verbose=true")
                .workload("lru", "300")
                .start()) {
            jvm.awaitReady();
            // Forty judgements from old collections, a second apart: windows that together cover 50 s of a cache
            // that evicts 8 MB/s.
            jvm.awaitStderr(l -> oldCollectionJudgements(jvm) >= 40, Duration.ofSeconds(150));

            assertThat(jvm.stderrMatching(l -> l.startsWith("[leakprobe] watch: live set ")))
                    .noneMatch(l -> l.endsWith(": steady growth"));
            assertThat(jvm.stderrMatching(l -> l.contains("taking 3 dumps"))).isEmpty();
            assertThat(Dumps.in(dir)).isEmpty();
        }
    }

    @Test
    void aLeakInBurstsGetsExactlyOneSeriesWithinTheDumpBudget() throws Exception {
        // Issue 19, item 7: a leak with a burst every 13 s got 7 series (20 dumps) in 120 s. After its one series
        // the leak pauses and resumes with each burst; the budget (watch-cooldown, 1 h by default) holds the rest.
        Path dir = tmp.resolve("bursty");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,watch=30s,watch-warmup=1s,watch-every=2s,watch-verbose=true")
                .workload("bursty-leak", "400")
                .start()) {
            assertThat(jvm.awaitReady()).contains(" watch-cooldown=1h ");
            jvm.awaitStderr(l -> l.contains("growth series 1 complete: 3 dumps"), Duration.ofSeconds(200));
            String budget = jvm.awaitStderr(
                    l -> l.contains("the dump budget allows one growth series per watch-cooldown (60 min): the next"
                            + " may come at "),
                    Duration.ofSeconds(200));

            assertThat(budget).contains(": steady growth; ");
            assertThat(jvm.stderrMatching(l -> l.contains("taking 3 dumps"))).hasSize(1);
            assertThat(jvm.stderrMatching(l -> l.contains("growth series 2"))).isEmpty();
            assertThat(Dumps.in(dir)).hasSize(3);
        }
    }

    private static long oldCollectionJudgements(ChildJvm jvm) {
        return jvm.stderrMatching(
                        l -> l.startsWith("[leakprobe] watch: live set ") && l.contains(" old collections of "))
                .size();
    }

    private static long judgements(ChildJvm jvm) {
        return jvm.stderrMatching(l -> l.startsWith("[leakprobe] watch: live set "))
                .size();
    }
}
