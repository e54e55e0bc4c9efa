package dev.leakprobe.analyzer.heap.hprof;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.EngineFailure;
import dev.leakprobe.analyzer.heap.HeapEngine;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.OutOfMemory;
import dev.leakprobe.analyzer.heap.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * leakprobe's own heap engine: two passes over the dump's bytes (the second split over every core), objects as dense
 * ids in primitive arrays, dominators by semi-NCA. It counts what the MAT engine counts, so that the two agree
 * object by object (the parity tests hold it to that), and it never drops objects without saying so.
 */
public final class HprofEngine implements HeapEngine {

    /** The name of the root under which a live dump's objects that nothing in the dump reaches are kept. */
    public static final String HELD_BY_JVM = "held by the JVM outside the dump (e.g. Class.classValueMap)";

    public static final String KEPT_UNREACHABLE = "unreachable (kept by --keep-unreachable)";

    /** A gzip dump is inflated in memory: by default at most half of the heap, the other half for the analysis. */
    private final long inflateLimit;

    public HprofEngine() {
        this(Runtime.getRuntime().maxMemory() / 2);
    }

    /** @param inflateLimit the most bytes a {@code .hprof.gz} may expand to in memory */
    HprofEngine(long inflateLimit) {
        this.inflateLimit = inflateLimit;
    }

    @Override
    public HeapSnapshot open(Path dump, String displayName, OpenOptions options, Progress progress)
            throws BadDumpException {
        HprofBytes bytes = null;
        boolean opened = false;
        try {
            Phases phases = new Phases();
            progress.step(displayName, "reading records", -1);
            bytes = DumpOpener.isGzip(dump)
                    ? HprofBytes.inflate(dump, inflateLimit, displayName)
                    : HprofBytes.open(dump);
            RecordScanner scan = new RecordScanner(bytes, displayName);
            scan.scan();
            phases.done("records");
            progress.step(displayName, "indexing objects", -1);
            HeapLayout layout = HeapLayout.of(scan, displayName);
            scan = null;
            phases.done("index");
            progress.step(displayName, "reading references", -1);
            ObjectGraph graph = ObjectGraph.build(layout);
            phases.done("references");
            int[] roots = layout.rootKinds.keySet().stream()
                    .mapToInt(Integer::intValue)
                    .sorted()
                    .toArray();
            CompletableFuture<DominatorTree> tree = CompletableFuture.supplyAsync(
                    () -> {
                        progress.step(displayName, "computing dominators", -1);
                        DominatorTree computed =
                                DominatorTree.compute(graph, roots, options.keepsUnreachable(), layout.systemLoader());
                        phases.done("dominators");
                        progress.step(
                                displayName,
                                String.format(
                                        Locale.ROOT, "parsed %,d objects in %s", layout.fileObjectCount(), phases),
                                -1);
                        return computed;
                    },
                    HprofEngine::onOwnThread);
            String outside = options.liveDump() ? HELD_BY_JVM : KEPT_UNREACHABLE;
            HprofSnapshot snapshot = new HprofSnapshot(
                    layout, graph, tree, options.keepsUnreachable(), outside, computed -> warnings(computed, options));
            opened = true;
            return snapshot;
        } catch (HprofFormatException e) {
            throw new BadDumpException(e.getMessage(), e);
        } catch (HprofBytes.Truncated e) {
            throw new BadDumpException(
                    displayName + ": truncated heap dump: a record at offset " + e.position
                            + " runs past the end of the file",
                    e);
        } catch (IOException e) {
            throw new BadDumpException(displayName + ": cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new BadDumpException(OutOfMemory.advice(displayName, heapNeeded(dump)), e);
        } catch (RuntimeException | StackOverflowError e) {
            // A damaged record our checks missed (an index out of bounds, a negative size): our words, not its text.
            throw new BadDumpException(EngineFailure.describe(displayName, "this engine", e), e);
        } finally {
            if (!opened && bytes != null) {
                bytes.close();
            }
        }
    }

    /**
     * Up to 3x the dump: about 90 bytes of arrays per object at the peak (docs/analyzer.md), and an object-dense dump
     * holds one per 36 bytes (measured before semi-NCA: 12 M objects in a 414 MB dump failed at -Xmx1g, passed at
     * 1.5g). A {@code .hprof.gz} is inflated
     * into the heap as well, in whole pages, which may take at most half of it.
     */
    @Override
    public long heapNeeded(Path dump) {
        long unpacked = DumpOpener.unpackedBytes(dump);
        if (!DumpOpener.isGzip(dump)) {
            return 3 * unpacked;
        }
        long pages = HprofBytes.inflatedFootprint(unpacked);
        return Math.max(2 * pages, pages + 3 * unpacked);
    }

    /** How long each phase took, for the progress line and the benchmark ("where the time goes"). */
    private static final class Phases {
        private final long start = System.nanoTime();
        private volatile long last = start;
        private final StringBuilder parts = new StringBuilder();

        synchronized void done(String phase) {
            long now = System.nanoTime();
            parts.append(parts.length() == 0 ? "" : ", ")
                    .append(phase)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.1f s", (now - last) / 1e9));
            last = now;
        }

        @Override
        public synchronized String toString() {
            return String.format(Locale.ROOT, "%.1f s (%s)", (last - start) / 1e9, parts);
        }
    }

    private static void onOwnThread(Runnable task) {
        Thread thread = new Thread(task, "leakprobe-dominators");
        thread.setDaemon(true);
        thread.start();
    }

    private static List<String> warnings(DominatorTree tree, OpenOptions options) {
        List<String> warnings = new ArrayList<>();
        if (tree.leftOutCount > 0) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "set aside %,d objects (%s) that no GC root reaches, as garbage "
                            + "(--keep-unreachable keeps them)",
                    tree.leftOutCount,
                    megabytes(tree.leftOutBytes)));
        }
        if (tree.keptCount > 0) {
            warnings.add(
                    options.liveDump()
                            ? String.format(
                                    Locale.ROOT,
                                    "%,d objects (%s) that the dump shows no path to are held by the JVM"
                                            + " outside the dump (e.g. Class.classValueMap): kept under that root",
                                    tree.keptCount,
                                    megabytes(tree.keptBytes))
                            : String.format(
                                    Locale.ROOT,
                                    "kept %,d unreachable objects (%s) under a root of their own "
                                            + "(--keep-unreachable)",
                                    tree.keptCount,
                                    megabytes(tree.keptBytes)));
        }
        return warnings;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
