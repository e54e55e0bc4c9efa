package dev.leakprobe.analyzer.heap;

import java.nio.file.Path;

/** Opens one HPROF file ({@code .hprof} or {@code .hprof.gz}); nothing is ever written beside it. */
public interface HeapEngine {

    HeapSnapshot open(Path dump, String displayName, OpenOptions options, Progress progress) throws BadDumpException;

    /** About the heap a parse of this dump needs, in bytes: for the out-of-memory advice. */
    default long heapNeeded(Path dump) {
        return DumpOpener.unpackedBytes(dump);
    }
}
