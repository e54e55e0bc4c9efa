package dev.leakprobe.analyzer.heap;

import dev.leakprobe.analyzer.heap.hprof.HprofEngine;
import dev.leakprobe.analyzer.heap.mat.MatEngine;

/** The engines by the names {@code --engine} takes. */
public final class HeapEngines {

    public static final String DEFAULT = "leakprobe";
    public static final String MAT = "mat";

    private HeapEngines() {}

    /** Our own engine, or the MAT engine (the reference that our parity tests compare against). */
    public static HeapEngine named(String name) {
        if (MAT.equalsIgnoreCase(name)) {
            return new MatEngine();
        }
        if (name == null || DEFAULT.equalsIgnoreCase(name)) {
            return new HprofEngine();
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (leakprobe or mat)");
    }
}
