package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 4: an application that runs out of memory and recovers keeps its agent. Before, the timer's task
 * died with the OutOfMemoryError its own error line raised (no metrics rows after it), and on JDK 25 the dump thread
 * too (USR2 ignored from then on).
 *
 * <p>Waits on events only, each with a generous bound for a loaded machine: the line the child prints once it has let
 * go of its heap, a metrics row stamped after that line, the dump.
 */
class OutOfMemoryIT {

    private static final Pattern RECOVERED = Pattern.compile("workload recovered from OutOfMemoryError at (\\d+) .*");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.leakprobe.agent.it.SignalDumpIT#jdks")
    void afterTheApplicationRecoversMetricsRowsGoOnAndUsr2StillDumps(String version, Path javaHome) throws Exception {
        Path dir = tmp.resolve("oom");
        // -Xmx64m (every child's): 1 MB arrays fill it in a few dozen allocations; the heap is then held full for
        // 3 s, three ticks of metrics=1s, each of which runs out of memory.
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .env("_JAVA_SR_SIGNUM", "40")
                .agentOptions("dir=" + dir + ",metrics=1s,signal=USR2,dump-on-heap=90")
                .workload("oom", "3000")
                .start()) {
            jvm.awaitReady();

            long recoveredAt = awaitRecovery(jvm);
            Path jsonl = dir.resolve("metrics.jsonl");
            try {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> rowsAfter(jsonl, recoveredAt) >= 2);
            } catch (RuntimeException e) {
                throw new AssertionError("no metrics rows after the recovery; output:\n" + jvm.output(), e);
            }

            jvm.signal("USR2");
            jvm.awaitStderr(l -> l.contains("dump written") && l.contains("trigger=signal"), Duration.ofSeconds(60));
            Path dump = Dumps.in(dir).stream()
                    .filter(d -> trigger(d).equals("signal"))
                    .findFirst()
                    .orElseThrow();
            Dumps.assertCompleteDump(dump, jvm.pid(), "signal");
            assertThat(jvm.isAlive()).isTrue();
            assertThat(jvm.stderr()).as(jvm.output()).noneMatch(l -> l.startsWith("Exception in thread \"leakprobe"));
            // Issue 19, item 2: on JDK 25 a class first initialised during the OOM (the CLDR locale provider, through
            // String.format) stayed broken, and the metrics and the heap threshold check failed for good; the JDK's
            // agent layer asserted for every class that loaded while a transformer was registered.
            assertThat(jvm.stderr())
                    .as(jvm.output())
                    .noneMatch(l -> l.contains("Could not initialize class")
                            || l.contains("NoClassDefFoundError")
                            || l.contains("ASSERTION FAILED"));
        }
    }

    private static long awaitRecovery(ChildJvm jvm) {
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> jvm.stdout().stream()
                            .anyMatch(l -> RECOVERED.matcher(l).matches()));
        } catch (RuntimeException e) {
            throw new AssertionError("the child did not recover; output:\n" + jvm.output(), e);
        }
        Matcher m = jvm.stdout().stream()
                .map(RECOVERED::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .orElseThrow();
        return Long.parseLong(m.group(1));
    }

    private static long rowsAfter(Path jsonl, long epochMillis) throws Exception {
        if (!Files.exists(jsonl)) {
            return 0;
        }
        List<String> rows = Files.readAllLines(jsonl);
        long n = 0;
        for (String row : rows) {
            if (!row.isBlank() && Dumps.JSON.readTree(row).get("epochMillis").asLong() > epochMillis) {
                n++;
            }
        }
        return n;
    }

    private static String trigger(Path dump) {
        try {
            return Dumps.sidecar(dump).get("trigger").asText();
        } catch (Exception e) {
            return "";
        }
    }
}
