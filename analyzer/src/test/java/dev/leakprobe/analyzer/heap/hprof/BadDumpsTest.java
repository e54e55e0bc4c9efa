package dev.leakprobe.analyzer.heap.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.summary.SummaryBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged dumps give one clear line (a {@link BadDumpException}), never another exception or a hang. */
class BadDumpsTest {

    /** Where the first record starts: "JAVA PROFILE 1.0.2", a NUL, the identifier size and the time. */
    private static final int HEADER = 19 + 4 + 8;

    @TempDir
    Path dir;

    private byte[] good;

    @BeforeEach
    void writeASmallHeap() {
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("Node", w.objectClass, "next", "other");
        long arrayClass = w.defineClass("java.lang.Object[]", w.objectClass);
        long a = w.instance(node, 0, 0);
        long b = w.instance(node, a, 0);
        long array = w.objectArray(arrayClass, a, b, 0);
        long bytes = w.byteArray("hello".getBytes());
        long holder = w.defineClassWithStatics("Holder", w.objectClass, Map.of("ARRAY", array, "BYTES", bytes));
        w.stickyClassRoot(holder);
        good = w.toBytes();
    }

    @Test
    void theUndamagedHeapOpens() throws BadDumpException, IOException {
        try (HeapSnapshot heap = open(good)) {
            assertThat(heap.instancesOf("Node")).hasSize(2);
        }
    }

    @Test
    void aDumpTruncatedAtAnyOffsetIsRefusedInOneLine() {
        for (int length = 1; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            int at = length;
            assertThatThrownBy(() -> open(cut))
                    .as("cut at %d of %d", at, good.length)
                    .isInstanceOf(BadDumpException.class)
                    .satisfies(e -> assertOneLine(e.getMessage()))
                    .hasMessageMatching("(?s).*(truncated|not an HPROF|no format name).*");
        }
    }

    @Test
    void aRecordLengthPastTheEndIsRefused() {
        byte[] bad = good.clone();
        int segment = indexOfTag(bad, 0x1C);
        ByteBuffer.wrap(bad).putInt(segment + 5, Integer.MAX_VALUE);
        assertThatThrownBy(() -> open(bad))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("runs past the end of the file");
    }

    @Test
    void anIdentifierSizeOtherThanFourOrEightIsRefused() {
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).putInt(19, 3);
        assertThatThrownBy(() -> open(bad))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("identifier size 3");
    }

    @Test
    void anUnknownRecordTagIsRefused() {
        byte[] bad = good.clone();
        bad[HEADER] = 0x50;
        assertThatThrownBy(() -> open(bad))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("unknown record tag 0x50");
    }

    @Test
    void anUnknownSubRecordTagIsRefused() {
        byte[] bad = good.clone();
        int segment = indexOfTag(bad, 0x1C);
        bad[segment + 9] = 0x42;
        assertThatThrownBy(() -> open(bad))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("unknown heap-dump sub-record tag 0x42");
    }

    @Test
    void aGzipStreamThatEndsEarlyIsRefused() throws IOException {
        Path gz = gzip(good, "cut.hprof.gz");
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(whole, whole.length - 12));
        assertThatThrownBy(() -> new HprofEngine().open(gz, "cut.hprof.gz", OpenOptions.DEFAULT, Progress.NONE))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("ends early");
    }

    @Test
    void aGzipBombStopsAtTheBound() throws IOException {
        byte[] huge = Arrays.copyOf(good, 64 << 20);
        Path gz = gzip(huge, "bomb.hprof.gz");
        assertThat(Files.size(gz)).isLessThan(1 << 20);
        assertThatThrownBy(() -> new HprofEngine(8 << 20).open(gz, "bomb.hprof.gz", OpenOptions.DEFAULT, Progress.NONE))
                .isInstanceOf(BadDumpException.class)
                .hasMessageContaining("expands past 8 MB");
    }

    /**
     * Single bits flipped anywhere: the dump either opens (and summarises) or is refused in one line. The bound on
     * time catches a flip that would send a loop round forever.
     */
    @Test
    void bitFlippedDumpsOpenOrAreRefusedQuickly() {
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 400; round++) {
                byte[] flipped = good.clone();
                int bit = HEADER * 8 + random.nextInt((good.length - HEADER) * 8);
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                try (HeapSnapshot heap = open(flipped)) {
                    SummaryBuilder.build(heap, "flipped", Progress.NONE);
                } catch (BadDumpException e) {
                    assertOneLine(e.getMessage());
                }
            }
        });
    }

    private HeapSnapshot open(byte[] bytes) throws BadDumpException, IOException {
        Path file = dir.resolve("dump.hprof");
        Files.write(file, bytes);
        return new HprofEngine().open(file, "dump.hprof", OpenOptions.DEFAULT, Progress.NONE);
    }

    private Path gzip(byte[] bytes, String name) throws IOException {
        Path gz = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        return gz;
    }

    /** The offset of the first top-level record with this tag (walking the records from the header). */
    private static int indexOfTag(byte[] dump, int tag) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        int p = HEADER;
        while (p < dump.length) {
            if ((dump[p] & 0xFF) == tag) {
                return p;
            }
            p += 9 + b.getInt(p + 5);
        }
        throw new AssertionError("no record with tag " + tag);
    }

    private static void assertOneLine(String message) {
        assertThat(message).isNotBlank().doesNotContain("\n");
    }
}
