package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakprobe.analyzer.heap.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 3: one flipped bit inside the gzip of a cached summary was trusted (the reader never reached gzip's
 * CRC) and turned a count of 25 into 2. Every bit of a summary file is flipped here, one at a time.
 */
class SummaryFormatTest {

    @TempDir
    Path dir;

    byte[] clean;
    DumpSummary summary;

    @BeforeEach
    void writeASummary() throws IOException {
        FakeHeap heap = new FakeHeap();
        int registry = heap.defineClass("app.Registry");
        int session = heap.defineClass("app.Session");
        for (int i = 0; i < 25; i++) {
            heap.add(session, registry, 5_120_600 / 25, "SESSIONS");
        }
        summary = SummaryBuilder.build(heap, "fake", Progress.NONE).withKey(new DumpKey(1234, 5678, "ab".repeat(32)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryFormat.write(out, summary);
        clean = out.toByteArray();
    }

    @Test
    void aSummaryReadsBackAsItWasWritten() throws IOException {
        assertThat(SummaryFormat.read(Files.write(dir.resolve("s"), clean))).isEqualTo(summary);
    }

    @Test
    void everySingleBitFlipIsRefused() throws IOException {
        Path file = dir.resolve("flipped");
        List<String> trusted = new ArrayList<>();
        for (int offset = 0; offset < clean.length; offset++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bytes = clean.clone();
                bytes[offset] ^= (byte) (1 << bit);
                Files.write(file, bytes);
                try {
                    SummaryFormat.read(file);
                    trusted.add(offset + ":" + bit);
                } catch (SummaryFormat.Damaged expected) {
                    // What every flip must give.
                }
            }
        }
        assertThat(clean.length).isGreaterThan(200);
        assertThat(trusted).as("flips read as a summary (offset:bit)").isEmpty();
    }

    @Test
    void aTruncatedOrExtendedFileIsRefused() throws IOException {
        for (int length : new int[] {0, 10, 90, clean.length / 2, clean.length - 1}) {
            Path file = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(clean, length));
            assertThatThrownBy(() -> SummaryFormat.read(file))
                    .as("length " + length)
                    .isInstanceOf(SummaryFormat.Damaged.class);
        }
        byte[] longer = java.util.Arrays.copyOf(clean, clean.length + 1);
        assertThatThrownBy(() -> SummaryFormat.read(Files.write(dir.resolve("longer"), longer)))
                .isInstanceOf(SummaryFormat.Damaged.class)
                .hasMessage("its checksum does not match");
    }

    @Test
    void aSummaryOfAnOlderVersionIsToldApart() throws IOException {
        Path old = dir.resolve("old");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(old))) {
            out.write("{\"format\":5}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> SummaryFormat.read(old)).isInstanceOf(SummaryFormat.OtherVersion.class);
    }
}
