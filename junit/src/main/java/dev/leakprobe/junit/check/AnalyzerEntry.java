package dev.leakprobe.junit.check;

import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.mat.MatEngine;

/**
 * The one place that picks the analyzer's heap engine: the same default as the command line ({@code DumpCommand}),
 * so a leak test and {@code bin/leakprobe diff} read a dump alike. Everything else goes through the analyzer's
 * layers: {@code DumpOpener} → {@code Summarizer} → {@code Analyzer.diff} → the report writers.
 */
final class AnalyzerEntry {

    private AnalyzerEntry() {}

    static DumpOpener opener() {
        return new DumpOpener(new MatEngine());
    }
}
