package dev.leakprobe.analyzer.heap.mat;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The MAT engine writes its index files next to the file it parses, so the dump is linked (or copied, or unpacked
 * when gzipped) into a fresh temporary folder, which is deleted when the snapshot is closed.
 */
final class MatStaging {

    /** Scratch folders in use, removed by a shutdown hook if the JVM is stopped (Ctrl-C) mid-parse. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(MatStaging::deleteTree), "leakprobe-scratch-cleanup"));
    }

    private MatStaging() {}

    static Path createScratch() throws BadDumpException {
        try {
            Path dir = Files.createTempDirectory("leakprobe-");
            LIVE.add(dir);
            return dir;
        } catch (IOException e) {
            throw new BadDumpException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    static Path stage(Path dump, Path scratch, Progress progress) throws BadDumpException {
        String name = dump.getFileName().toString();
        try {
            if (DumpOpener.isGzip(dump)) {
                Path target = scratch.resolve(hprofName(name.substring(0, name.length() - 3)));
                progress.step(name, "unpacking", -1);
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dump), 1 << 16)) {
                    Files.copy(in, target);
                } catch (java.io.EOFException e) {
                    // A truncated archive: keep what was unpacked; the engine reports how far it got.
                }
                return target;
            }
            Path target = scratch.resolve(hprofName(name));
            try {
                Files.createSymbolicLink(target, dump.toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(dump, target);
            }
            return target;
        } catch (NoSuchFileException e) {
            throw new BadDumpException(dump + ": no such file", e);
        } catch (IOException e) {
            throw new BadDumpException(dump + ": cannot stage for parsing: " + e.getMessage(), e);
        }
    }

    /** The engine picks its parser by the file suffix. */
    private static String hprofName(String name) {
        return name.endsWith(".hprof") ? name : name + ".hprof";
    }

    static void deleteTree(Path dir) {
        LIVE.remove(dir);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a temp folder left behind is not worth failing the analysis for.
        }
    }

    /** Deletes the scratch folder when the snapshot is closed. */
    record ScratchSnapshot(HeapSnapshot delegate, Path scratch) implements HeapSnapshot {
        @Override
        public int objectCount() {
            return delegate.objectCount();
        }

        @Override
        public int[] dominated(int id) {
            return delegate.dominated(id);
        }

        @Override
        public int dominator(int id) {
            return delegate.dominator(id);
        }

        @Override
        public int classOf(int id) {
            return delegate.classOf(id);
        }

        @Override
        public String className(int classObjectId) {
            return delegate.className(classObjectId);
        }

        @Override
        public boolean isClassObject(int id) {
            return delegate.isClassObject(id);
        }

        @Override
        public int classLoaderOf(int id) {
            return delegate.classLoaderOf(id);
        }

        @Override
        public boolean isArray(int id) {
            return delegate.isArray(id);
        }

        @Override
        public long shallow(int id) {
            return delegate.shallow(id);
        }

        @Override
        public long retained(int id) {
            return delegate.retained(id);
        }

        @Override
        public String label(int id) {
            return delegate.label(id);
        }

        @Override
        public String referenceName(int from, int to) {
            return delegate.referenceName(from, to);
        }

        @Override
        public String rootKind(int id) {
            return delegate.rootKind(id);
        }

        @Override
        public int[] outbound(int id) {
            return delegate.outbound(id);
        }

        @Override
        public int[] gcRoots() {
            return delegate.gcRoots();
        }

        @Override
        public int rootFlags(int id) {
            return delegate.rootFlags(id);
        }

        @Override
        public int[] instancesOf(String className) {
            return delegate.instancesOf(className);
        }

        @Override
        public int referenceField(int id, String field) {
            return delegate.referenceField(id, field);
        }

        @Override
        public Long primitiveField(int id, String field) {
            return delegate.primitiveField(id, field);
        }

        @Override
        public long address(int id) {
            return delegate.address(id);
        }

        @Override
        public List<String> warnings() {
            return delegate.warnings();
        }

        /** The MAT snapshot itself, for tests that compare engines. */
        HeapSnapshot unwrap() {
            return delegate;
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                deleteTree(scratch);
            }
        }
    }
}
