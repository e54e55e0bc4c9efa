package dev.leakprobe.analyzer.heap;

import java.nio.file.Path;

/** Opens one plain (unpacked) HPROF file whose folder may be filled with the engine's scratch files. */
public interface HeapEngine {

    HeapSnapshot open(Path hprof, String displayName, Progress progress) throws BadDumpException;
}
