package dev.leakprobe.analyzer.heap.mat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import org.eclipse.mat.SnapshotException;
import org.eclipse.mat.hprof.HprofHeapObjectReader;
import org.eclipse.mat.hprof.HprofIndexBuilder;
import org.eclipse.mat.parser.IIndexBuilder;
import org.eclipse.mat.parser.IPreliminaryIndex;
import org.eclipse.mat.parser.internal.SnapshotImpl;
import org.eclipse.mat.parser.internal.SnapshotImplBuilder;
import org.eclipse.mat.parser.internal.util.ParserRegistry;
import org.eclipse.mat.parser.model.XSnapshotInfo;
import org.eclipse.mat.snapshot.ISnapshot;
import org.eclipse.mat.util.IProgressListener;

/**
 * MAT's {@code SnapshotFactory.parse}, with an index builder and an object reader of its own per dump.
 *
 * <p>Why: haha's {@code ParserRegistry} holds ONE {@code HprofIndexBuilder} and ONE {@code HprofHeapObjectReader}
 * shared by every snapshot, so two dumps parsed (or even open) at once in one JVM corrupt each other (we saw
 * {@code NullPointerException}s in {@code SimpleBufferedRandomAccessInputStream} and "no parser registered"). The
 * same steps with fresh instances make parallel parses safe. {@code PreliminaryIndexImpl} and {@code GarbageCleaner}
 * are package-private in haha: they are reached by reflection.
 */
final class IsolatedParse {

    private static final Object REGISTRY_LOCK = new Object();
    private static final Constructor<?> PRELIMINARY_INDEX;
    private static final Method GARBAGE_CLEAN;
    private static final Method PRELIMINARY_INFO;

    static {
        try {
            Class<?> preliminary = Class.forName("org.eclipse.mat.parser.internal.PreliminaryIndexImpl");
            PRELIMINARY_INDEX = preliminary.getDeclaredConstructor(XSnapshotInfo.class);
            PRELIMINARY_INDEX.setAccessible(true);
            PRELIMINARY_INFO = preliminary.getDeclaredMethod("getSnapshotInfo");
            PRELIMINARY_INFO.setAccessible(true);
            Class<?> cleaner = Class.forName("org.eclipse.mat.parser.internal.GarbageCleaner");
            GARBAGE_CLEAN = cleaner.getDeclaredMethod(
                    "clean", preliminary, SnapshotImplBuilder.class, java.util.Map.class, IProgressListener.class);
            GARBAGE_CLEAN.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private IsolatedParse() {}

    static ISnapshot open(File hprof, IProgressListener listener) throws SnapshotException {
        ParserRegistry.Parser template;
        synchronized (REGISTRY_LOCK) {
            // The registry fills itself lazily and without a lock.
            List<ParserRegistry.Parser> parsers = ParserRegistry.matchParser(hprof.getName());
            if (parsers.isEmpty()) {
                throw new SnapshotException("no HPROF parser registered");
            }
            template = parsers.get(0);
        }
        IIndexBuilder builder = new HprofIndexBuilder();
        ParserRegistry.Parser parser = new ParserRegistry.Parser(
                template.getId(), template.getSnapshotFormat(), new HprofHeapObjectReader(), builder);
        String path = hprof.getAbsolutePath();
        String prefix = path.substring(0, path.lastIndexOf('.') + 1);
        try {
            builder.init(hprof, prefix);
            XSnapshotInfo info = new XSnapshotInfo();
            info.setPath(path);
            info.setPrefix(prefix);
            info.setProperty("$heapFormat", parser.getId());
            Object preliminary = PRELIMINARY_INDEX.newInstance(info);
            builder.fill((IPreliminaryIndex) preliminary, listener);
            SnapshotImplBuilder snapshotBuilder =
                    new SnapshotImplBuilder((XSnapshotInfo) PRELIMINARY_INFO.invoke(preliminary));
            int[] purged = (int[])
                    GARBAGE_CLEAN.invoke(null, preliminary, snapshotBuilder, new HashMap<String, String>(), listener);
            builder.clean(purged, listener);
            SnapshotImpl snapshot = snapshotBuilder.create(parser);
            snapshot.calculateDominatorTree(listener);
            return snapshot;
        } catch (InvocationTargetException e) {
            builder.cancel();
            // An OutOfMemoryError inside MAT's cleaner arrived as "InvocationTargetException": rethrown as itself.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw SnapshotException.rethrow(e.getCause() instanceof Exception c ? c : e);
        } catch (Exception e) {
            builder.cancel();
            throw SnapshotException.rethrow(e);
        }
    }
}
