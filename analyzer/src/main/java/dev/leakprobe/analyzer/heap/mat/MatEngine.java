package dev.leakprobe.analyzer.heap.mat;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.EngineFailure;
import dev.leakprobe.analyzer.heap.HeapEngine;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.OutOfMemory;
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
            return new MatStaging.ScratchSnapshot(parse(hprof, dump, displayName, progress), scratch);
        } catch (BadDumpException | RuntimeException | Error e) {
            MatStaging.deleteTree(scratch);
            throw e;
        }
    }

    private HeapSnapshot parse(Path hprof, Path dump, String displayName, Progress progress) throws BadDumpException {
        MatProgress listener = new MatProgress(displayName, progress);
        try {
            ISnapshot snapshot = IsolatedParse.open(hprof.toFile(), listener);
            progress.finished(displayName, "parsed");
            return new MatSnapshot(snapshot, listener.warnings());
        } catch (Exception | StackOverflowError e) {
            if (causedBy(e, java.io.EOFException.class)) {
                throw new BadDumpException(
                        displayName + ": truncated heap dump (it ends before its last record); "
                                + "the engine cannot analyse a partial dump",
                        e);
            }
            throw new BadDumpException(
                    EngineFailure.describe(displayName, "the MAT engine", e)
                            + "; the default engine (--engine leakprobe) may read it",
                    e);
        } catch (OutOfMemoryError e) {
            throw new BadDumpException(OutOfMemory.advice(displayName, heapNeeded(dump)), e);
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
}
