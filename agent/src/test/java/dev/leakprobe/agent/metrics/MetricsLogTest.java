package dev.leakprobe.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneRowPerTickAndRollsOverPastTheCap() throws Exception {
        long row = MemorySnapshot.capture().toJsonLine().length() + 1;
        MetricsLog log = new MetricsLog(dir, row * 5 / 2); // two rows fit, the third rolls over
        log.run();
        log.run();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(2).allMatch(l -> l.startsWith("{\"time\":"));
        log.run();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl.1"))).hasSize(2);
        log.run();
        log.run();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl.1"))).hasSize(2);
        assertThat(Files.list(dir).count()).isEqualTo(2);
    }
}
