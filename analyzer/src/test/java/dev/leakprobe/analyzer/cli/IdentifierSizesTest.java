package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.hprof.HprofWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 12: a dump with 4-byte identifiers and one with 8-byte identifiers, no pid in either, were diffed as
 * dumps of one process. A JVM keeps its identifier size: two sizes are two processes.
 */
class IdentifierSizesTest {

    @TempDir
    Path dir;

    @Test
    void dumpsWithDifferentIdentifierSizesAreRefusedAsTwoProcesses() {
        Path narrow = heap(4).write(dir.resolve("first.hprof"));
        Path wide = heap(8).write(dir.resolve("second.hprof"));

        Cli.Result result = Cli.run(
                "diff",
                "-q",
                narrow.toString(),
                wide.toString(),
                "--json",
                dir.resolve("x.json").toString(),
                "--html",
                dir.resolve("x.html").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("different processes (identifier sizes [4, 8] bytes");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void twoDumpsWithFourByteIdentifiersAreDiffed() {
        // Two dumps of one process as it grows: equal files would be refused as the same dump given twice.
        Path first = heap(4, 100).write(dir.resolve("first.hprof"));
        Path second = heap(4, 150).write(dir.resolve("second.hprof"));

        Cli.Result result = Cli.run(
                "diff",
                "-q",
                first.toString(),
                second.toString(),
                "--json",
                dir.resolve("x.json").toString(),
                "--html",
                dir.resolve("x.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(dir.resolve("x.json")).exists();
    }

    private static HprofWriter heap(int idSize) {
        return heap(idSize, 100);
    }

    private static HprofWriter heap(int idSize, int items) {
        HprofWriter w = new HprofWriter(idSize, 0x1000_0000L);
        long item = w.defineClass("app.Item", w.objectClass, "next");
        long last = 0;
        for (int i = 0; i < items; i++) {
            last = w.instance(item, last);
        }
        w.jniGlobalRoot(last);
        return w;
    }
}
