package dev.leakprobe.analyzer.heap.mat;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.HeapEngine;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.Progress;
import java.nio.file.Path;
import org.eclipse.mat.snapshot.ISnapshot;

/**
 * The Eclipse MAT engine (headless, from haha): the reference that our own engine is tested against
 * ({@code --engine mat}). It drops every object no GC root reaches, whatever the options say.
 */
public final class MatEngine implements HeapEngine {

    /**
     * MAT logs name-resolution failures of odd objects with stack traces through java.util.logging: noise for our
     * users. Held in a field, as loggers are only weakly referenced.
     */
    private static final java.util.logging.Logger MAT_LOG = java.util.logging.Logger.getLogger("org.eclipse.mat");

    static {
        MAT_LOG.setLevel(java.util.logging.Level.OFF);
    }

    @Override
    public HeapSnapshot open(Path dump, String displayName, OpenOptions options, Progress progress)
            throws BadDumpException {
        Path scratch = MatStaging.createScratch();
        try {
            Path hprof = MatStaging.stage(dump, scratch, progress);
            return new MatStaging.ScratchSnapshot(parse(hprof, displayName, progress), scratch);
        } catch (BadDumpException | RuntimeException | Error e) {
            MatStaging.deleteTree(scratch);
            throw e;
        }
    }

    private HeapSnapshot parse(Path hprof, String displayName, Progress progress) throws BadDumpException {
        MatProgress listener = new MatProgress(displayName, progress);
        try {
            ISnapshot snapshot = IsolatedParse.open(hprof.toFile(), listener);
            progress.finished(displayName, "parsed");
            return new MatSnapshot(snapshot, listener.warnings());
        } catch (Exception | StackOverflowError e) {
            if (causedBy(e, java.io.EOFException.class)) {
                throw new BadDumpException(displayName + ": truncated heap dump (it ends before its last record); "
                        + "the engine cannot analyse a partial dump", e);
            }
            throw new BadDumpException(displayName + ": cannot parse heap dump: " + oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new BadDumpException(displayName + ": out of memory while parsing; give the analyzer more heap "
                    + "(LEAKPROBE_JAVA_OPTS=-Xmx...), about 1x the dump size per dump", e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t) || (t.getMessage() != null && t.getMessage().contains(type.getName()))) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
