package dev.leakprobe.junit.check;

import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.HeapEngines;

/**
 * The one place that picks the analyzer's heap engine: its default, as the command line's {@code --engine} does, so
 * a leak test and {@code bin/leakprobe diff} read a dump alike. Everything else goes through the analyzer's layers:
 * {@code DumpOpener} → {@code Summarizer} → {@code Analyzer.diff} → the report writers.
 */
final class AnalyzerEntry {

    private AnalyzerEntry() {}

    static DumpOpener opener() {
        return new DumpOpener(HeapEngines.named(HeapEngines.DEFAULT));
    }
}
