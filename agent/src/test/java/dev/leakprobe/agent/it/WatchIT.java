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
 * Watch mode (issue 12, item 1) in child JVMs that churn garbage, a GC about every second: a steady leak gets one
 * series of three growth dumps, a bounded sawtooth none. Windows are short and judged often (a tenth of the window),
 * and {@code watch-verbose} logs every judgement: the events these tests wait for.
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
                    .matches("\\[leakprobe] live set \\+\\d+\\.\\d (MB|KB)/min over 20 s \\(r² (0\\.[89]\\d|1\\.00)\\):"
                            + " taking 3 dumps 3 s apart \\(growth series 1, \\d+ GCs, live set now .+ max heap\\)");
            jvm.awaitStderr(l -> l.contains("growth series 1 complete: 3 dumps in " + dir), LONG_ENOUGH);
            // The leak goes on: the judgement after the series says so, and takes no second series.
            jvm.awaitStderr(l -> l.contains("still growing since series 1: the next series waits"), LONG_ENOUGH);

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
                assertThat(growth.get("windowMillis").asLong()).isEqualTo(20_000);
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

    private static long judgements(ChildJvm jvm) {
        return jvm.stderrMatching(l -> l.startsWith("[leakprobe] watch: live set "))
                .size();
    }
}
