package dev.leakprobe.analyzer.heap;

/**
 * How to treat objects that the dump shows no path to.
 *
 * @param liveDump the dump holds only live objects (the agent's sidecar says {@code "live":true}): what no GC root
 *     reaches was held by the JVM through references HPROF does not record ({@code Class.classValueMap}), so it is
 *     kept under a root of its own
 * @param keepUnreachable keep such objects even in a dump that may hold garbage ({@code --keep-unreachable})
 */
public record OpenOptions(boolean liveDump, boolean keepUnreachable) {

    public static final OpenOptions DEFAULT = new OpenOptions(false, false);

    public boolean keepsUnreachable() {
        return liveDump || keepUnreachable;
    }
}
