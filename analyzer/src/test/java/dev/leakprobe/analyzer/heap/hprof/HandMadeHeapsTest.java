package dev.leakprobe.analyzer.heap.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.SummaryBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heaps written by hand, whose dominators and retained sizes are known, opened with our engine. */
class HandMadeHeapsTest {

    /** Shallow size of an instance with n object fields (8-byte identifiers): 16 + 8n, aligned to 8. */
    private static long instance(int fields) {
        return 16 + 8L * fields;
    }

    @TempDir
    Path dir;

    @Test
    void diamondIsDominatedByItsTop() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("Node", w.objectClass, "left", "right");
        long bottom = w.instance(node, 0, 0);
        long left = w.instance(node, bottom, 0);
        long right = w.instance(node, bottom, 0);
        long top = w.instance(node, left, right);
        w.jniGlobalRoot(top);

        try (HprofSnapshot heap = open(w)) {
            assertThat(dominatorOf(heap, bottom)).isEqualTo(top);
            assertThat(dominatorOf(heap, left)).isEqualTo(top);
            assertThat(heap.retained(id(heap, top))).isEqualTo(4 * instance(2));
            assertThat(heap.retained(id(heap, left))).isEqualTo(instance(2));
        }
    }

    @Test
    void chainOfAMillionObjectsNeedsNoDeepStack() throws BadDumpException {
        int length = 1_000_000;
        HprofWriter w = new HprofWriter();
        long link = w.defineClass("Link", w.objectClass, "next");
        long next = 0;
        long first = 0;
        long last = 0;
        // Written from the tail, so that every instance refers to one already written.
        for (int i = 0; i < length; i++) {
            next = w.instance(link, next);
            if (i == 0) {
                last = next;
            }
        }
        first = next;
        w.jniGlobalRoot(first);

        try (HprofSnapshot heap = open(w)) {
            assertThat(heap.retained(id(heap, first))).isEqualTo(length * instance(1));
            assertThat(heap.retained(id(heap, last))).isEqualTo(instance(1));
            assertThat(heap.dominated(HeapSnapshot.ROOT)).contains(id(heap, first));
            DumpSummary summary = SummaryBuilder.build(heap, "chain", Progress.NONE);
            assertThat(summary.classes()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("Link");
                assertThat(c.count()).isEqualTo(length);
            });
        }
    }

    @Test
    void twoMillionEntriesUnderOneDominator() throws BadDumpException {
        int entries = 2_000_000;
        HprofWriter w = new HprofWriter();
        long entry = w.defineClass("Entry", w.objectClass, "value");
        long arrayClass = w.defineClass("java.lang.Object[]", w.objectClass);
        long[] elements = new long[entries];
        for (int i = 0; i < entries; i++) {
            elements[i] = w.instance(entry, 0);
        }
        long table = w.objectArray(arrayClass, elements);
        long holder = w.defineClassWithStatics("Registry", w.objectClass, Map.of("table", table));
        w.stickyClassRoot(holder);

        try (HprofSnapshot heap = open(w)) {
            int tableId = id(heap, table);
            // ... and the array class, which only the array refers to (array classes are no system-class roots).
            assertThat(heap.dominated(tableId)).hasSize(entries + 1);
            assertThat(dominatorOf(heap, elements[entries / 2])).isEqualTo(table);
            long arraySize = (16 + 4 + 8L * entries + 7) & ~7L;
            assertThat(heap.retained(tableId)).isEqualTo(arraySize + entries * instance(1));
        }
    }

    @Test
    void cycleIsDominatedByWhereItIsEntered() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("Node", w.objectClass, "next");
        long a = w.newAddress();
        long c = w.instance(node, a);
        long b = w.instance(node, c);
        w.instanceAt(a, node, b);
        w.jniGlobalRoot(a);

        try (HprofSnapshot heap = open(w)) {
            assertThat(dominatorOf(heap, b)).isEqualTo(a);
            assertThat(dominatorOf(heap, c)).isEqualTo(b);
            assertThat(heap.retained(id(heap, a))).isEqualTo(3 * instance(1));
        }
    }

    @Test
    void objectReachedOnlyThroughAStaticIsHeldByItsClass() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long payload = w.defineClass("Payload", w.objectClass);
        long only = w.instance(payload);
        long holder = w.defineClassWithStatics("Holder", w.objectClass, Map.of("INSTANCE", only));

        try (HprofSnapshot heap = open(w)) {
            // No root record: a class of the bootstrap loader is a system-class root all the same.
            assertThat(heap.rootKind(id(heap, holder))).isEqualTo("System Class");
            assertThat(dominatorOf(heap, only)).isEqualTo(holder);
            assertThat(heap.referenceName(id(heap, holder), id(heap, only))).isEqualTo("INSTANCE");
        }
    }

    @Test
    void objectsOnlyAThreadStackHoldsAreDominatedByTheThread() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long thread = w.defineClass("java.lang.Thread", w.objectClass, "name");
        long local = w.defineClass("Local", w.objectClass);
        long t = w.instance(thread, 0);
        long onStack = w.instance(local);
        int serial = w.threadRoot(t);
        w.javaFrameRoot(onStack, serial);

        try (HprofSnapshot heap = open(w)) {
            int localId = id(heap, onStack);
            assertThat(heap.rootKind(id(heap, t))).isEqualTo("Thread");
            // As in the MAT engine: a stack local is a reference from its thread, not a root of its own.
            assertThat(heap.rootKind(localId)).isNull();
            assertThat(heap.outbound(id(heap, t))).contains(localId);
            assertThat(dominatorOf(heap, onStack)).isEqualTo(t);
        }
    }

    @Test
    void unreachableObjectsAreCountedOrKeptUnderARootOfTheirOwn() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long value = w.defineClass("Meta", w.objectClass, "next");
        long tail = w.instance(value, 0);
        long head = w.instance(value, tail);

        try (HprofSnapshot heap = open(w)) {
            assertThat(heap.warnings())
                    .anySatisfy(warning ->
                            assertThat(warning).contains("set aside 2 objects (0.0 MB) that no GC root reaches"));
            assertThat(heap.instancesOf("Meta")).isEmpty();
        }
        try (HprofSnapshot heap = open(w, new OpenOptions(true, false))) {
            int headId = id(heap, head);
            assertThat(heap.rootKind(headId)).isEqualTo(HprofEngine.HELD_BY_JVM);
            assertThat(heap.rootKind(id(heap, tail))).isNull();
            assertThat(dominatorOf(heap, tail)).isEqualTo(head);
            assertThat(heap.retained(headId)).isEqualTo(2 * instance(1));
            assertThat(heap.warnings())
                    .anySatisfy(warning -> assertThat(warning)
                            .contains("2 objects (0.0 MB) that the dump shows no path to are held by the JVM"));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aClassThatIsItsOwnSuperClassIsRefusedInOneLine() {
        for (int fields : new int[] {1, 65_535}) {
            HprofWriter w = new HprofWriter();
            String[] names = new String[fields];
            java.util.Arrays.fill(names, "f");
            long a = w.newAddress();
            long b = w.newAddress();
            w.defineClassAt(a, "A", b, Map.of(), names);
            w.defineClassAt(b, "B", a, Map.of(), names);
            long instance = w.instance(a, new long[fields]);
            w.jniGlobalRoot(instance);

            // Before: labels walked A → B → A for ever, and the wide variant ran out of memory.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(w))
                    .isInstanceOf(BadDumpException.class)
                    .hasMessageContaining("corrupt heap dump: class A is its own super class")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void parsedCountsTheObjectsTheFileHolds() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("Node", w.objectClass, "next");
        w.jniGlobalRoot(w.instance(node, w.instance(node, 0)));
        java.util.List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void step(String dump, String task, int percent) {
                steps.add(task);
            }

            @Override
            public void finished(String dump, String message) {}
        };
        Path file = w.write(dir.resolve("count.hprof"));
        try (HeapSnapshot heap = new HprofEngine().open(file, "count.hprof", OpenOptions.DEFAULT, progress)) {
            // Object, Class, ClassLoader, Node and two instances; not the engine's made-up bootstrap loader.
            assertThat(heap.warnings()).isEmpty();
            assertThat(steps).anySatisfy(step -> assertThat(step).startsWith("parsed 6 objects"));
        }
    }

    @Test
    void addressesAtOrAbove2To63AreValid() throws BadDumpException {
        HprofWriter w = new HprofWriter();
        long node = w.defineClass("Node", w.objectClass, "left", "right");
        // The instances sit above 2^63, the classes below: unsigned, they follow the classes.
        w.continueAddressesAt(0x8000_0000_0000_1000L);
        long bottom = w.instance(node, 0, 0);
        long left = w.instance(node, bottom, 0);
        long right = w.instance(node, bottom, 0);
        long top = w.instance(node, left, right);
        w.jniGlobalRoot(top);

        try (HprofSnapshot heap = open(w)) {
            assertThat(dominatorOf(heap, bottom)).isEqualTo(top);
            assertThat(heap.retained(id(heap, top))).isEqualTo(4 * instance(2));
            assertThat(heap.address(heap.objectCount() - 1)).isEqualTo(top);
            assertThat(heap.label(id(heap, top))).isEqualTo("Node");
        }
    }

    private HprofSnapshot open(HprofWriter w) throws BadDumpException {
        return open(w, OpenOptions.DEFAULT);
    }

    private HprofSnapshot open(HprofWriter w, OpenOptions options) throws BadDumpException {
        Path file = w.write(dir.resolve("heap-" + System.nanoTime() + ".hprof"));
        return (HprofSnapshot) new HprofEngine().open(file, file.getFileName().toString(), options, Progress.NONE);
    }

    private static int id(HprofSnapshot heap, long address) {
        for (int id = 0; id < heap.objectCount(); id++) {
            if (heap.address(id) == address) {
                return id;
            }
        }
        throw new AssertionError("no object at 0x" + Long.toHexString(address));
    }

    private static long dominatorOf(HprofSnapshot heap, long address) {
        int d = heap.dominator(id(heap, address));
        return d == HeapSnapshot.ROOT ? -1 : heap.address(d);
    }
}
