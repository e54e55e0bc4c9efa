package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two big dumps are parsed in parallel only when twice their size fits: an object-dense parse needs up to 3x. */
class SummarizerBudgetTest {

    @TempDir
    Path dir;

    @Test
    void aDumpIsBudgetedAtTwiceItsSize() throws Exception {
        Path dump = dir.resolve("a.hprof");
        try (RandomAccessFile f = new RandomAccessFile(dump.toFile(), "rw")) {
            f.setLength(10L << 20);
        }
        assertThat(Summarizer.estimatedHeapMb(dump)).isEqualTo(21);
    }
}
