package dev.leakprobe.analyzer.heap;

import java.util.Locale;

/**
 * What the analyzer says when it runs out of heap, in one line: how much heap it had, about how much the dump needs,
 * and how to give it more ({@code bin/leakprobe} reads {@code LEAKPROBE_JAVA_OPTS}). An engine's own error, or a
 * reflection wrapper around it, says none of that.
 */
public final class OutOfMemory {

    private static final long MB = 1 << 20;

    private OutOfMemory() {}

    /**
     * @param displayName the dump being parsed, {@code null} when none is known
     * @param needed about the heap the dump needs in bytes, 0 when unknown
     */
    public static String advice(String displayName, long needed) {
        long has = Runtime.getRuntime().maxMemory();
        String give = xmx(Math.max(needed + 64 * MB, 2 * has));
        String what = displayName == null ? "out of memory" : displayName + ": out of memory while parsing";
        return what + ": the analyzer has " + megabytes(has) + " of heap"
                + (needed > has ? " and this dump needs about " + megabytes(needed) : "")
                + "; give it more: LEAKPROBE_JAVA_OPTS=-Xmx" + give + " bin/leakprobe ..., or java -Xmx" + give
                + " -jar leakprobe-analyzer.jar ...";
    }

    /** A round {@code -Xmx} value at least this big: multiples of 64 MB up to 1 GB, whole gigabytes above. */
    static String xmx(long bytes) {
        long mb = (bytes + MB - 1) / MB;
        if (mb <= 1024) {
            return ((mb + 63) / 64 * 64) + "m";
        }
        return ((mb + 1023) / 1024) + "g";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", (bytes + MB - 1) / MB);
    }
}
