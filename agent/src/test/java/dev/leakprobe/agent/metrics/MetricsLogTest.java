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
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl")))
                .hasSize(2)
                .allMatch(l -> l.startsWith("{\"time\":"));
        log.run();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl.1"))).hasSize(2);
        log.run();
        log.run();
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl.1"))).hasSize(2);
        assertThat(Files.list(dir).count()).isEqualTo(2);
    }

    /** Issue 14, item 1: metrics.jsonl was appended through a link planted in a shared dump folder. */
    @Test
    void aLinkPlantedAsMetricsJsonlIsNeverAppendedThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.createSymbolicLink(shared.resolve("metrics.jsonl"), victim);

        new MetricsLog(shared).run();

        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(shared.resolve("metrics.jsonl"))).isTrue();
    }

    @Test
    void rowsArePrivate() throws Exception {
        new MetricsLog(dir).run();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("metrics.jsonl"))))
                .isEqualTo("rw-------");
    }
}
