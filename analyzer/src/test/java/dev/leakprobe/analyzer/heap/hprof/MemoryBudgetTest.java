package dev.leakprobe.analyzer.heap.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.Progress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's memory budget (docs/analyzer.md, "Memory and speed"), held by counting the arrays it keeps for an
 * opened dump, not by the JVM's RSS: 50 bytes per object and 4 per reference, and 28 per object and 4 per reference
 * more while the dominators are computed. A heap of the shape the issue measured
 * (one map of many small entries, seven objects per entry) is written and opened.
 */
class MemoryBudgetTest {

    /**
     * Per object: address 8, file position 4 (5 in a dump of 4 GB or more), kind 1, bucket 1; class, shallow size,
     * reference start 12; tree 24.
     */
    static final long BYTES_PER_OBJECT = 50;

    static final long BYTES_PER_REFERENCE = 4;

    /**
     * The dominators' working arrays, on top: depth-first number, vertex, parent, semi-dominator, label, immediate
     * dominator and the reversed edges' starts (4 bytes each), and 4 per reversed edge (Lengauer–Tarjan needed three
     * ints per object more).
     */
    static final long WORKING_BYTES_PER_OBJECT = 28;

    @TempDir
    Path dir;

    @Test
    void theArraysKeptStayWithinTheBudgetPerObjectAndReference() throws BadDumpException {
        int entries = 50_000;
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("java.util.HashMap$Node", w.objectClass, "key", "value", "next");
        long integer = w.defineClass("java.lang.Integer", w.objectClass);
        long string = w.defineClass("java.lang.String", w.objectClass, "value");
        long item = w.defineClass("app.Item", w.objectClass, "name", "payload", "tags");
        long nodes = w.defineClass("java.util.HashMap$Node[]", w.objectClass);
        long[] table = new long[entries];
        for (int i = 0; i < entries; i++) {
            long name = w.instance(string, w.byteArray(("item-" + i).getBytes()));
            long value = w.instance(item, name, w.byteArray(new byte[48]), w.byteArray(new byte[8]));
            table[i] = w.instance(node, w.instance(integer), value, 0);
        }
        long holder =
                w.defineClassWithStatics("app.Registry", w.objectClass, Map.of("ITEMS", w.objectArray(nodes, table)));
        w.stickyClassRoot(holder);
        Path file = w.write(dir.resolve("map.hprof"));

        try (HprofSnapshot heap =
                (HprofSnapshot) new HprofEngine().open(file, "map.hprof", OpenOptions.DEFAULT, Progress.NONE)) {
            long objects = heap.objectCount();
            long references = heap.referenceCount();
            assertThat(objects).isGreaterThan(7L * entries);
            assertThat(heap.bytesKept())
                    .as("%,d objects, %,d references", objects, references)
                    .isLessThanOrEqualTo(BYTES_PER_OBJECT * objects + BYTES_PER_REFERENCE * references + 4096);
            assertThat(heap.dominatorWorkingBytes())
                    .isLessThanOrEqualTo(WORKING_BYTES_PER_OBJECT * objects + BYTES_PER_REFERENCE * references + 4096);
        }
    }
}
