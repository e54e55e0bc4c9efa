package dev.leakprobe.analyzer.summary;

/**
 * The objects of one class held under one retention path (a node of the path tree of a dump).
 *
 * @param parent index of the parent node in {@link DumpSummary#nodes()}, or -1 for GC roots (and objects held by
 *     no root through references the engine knows)
 * @param className the class of the objects; for class objects, the class they stand for ({@code classObject})
 * @param field how the representative object's shortest-path parent refers to it: a field name, {@code "[]"} for an array
 *     element, {@code null} when it is no direct reference (or at the top)
 * @param rootKind at the top: what kind of GC root the representative is ({@code null} if it is none)
 * @param retained retained heap of the objects whose dominator lies in another node (no double counting)
 * @param offHeap direct-buffer capacity retained likewise
 * @param label a label of the representative object (the one retaining most)
 * @param rootThread the name of the thread at the top of its objects' paths, when they start at a thread (how a user
 *     tells two pools apart), else null; with several threads, the first by name (numbers in number order)
 * @param classLoader the objects are class loaders
 * @param definedClasses how many classes the class loaders of this node defined (0 for other objects)
 * @param rootThreadCount how many distinct threads are at the top of its objects' paths
 * @param lastRootThread with several such threads, the last by name ({@code import-worker-4}), else null
 */
public record PathNode(
        int parent,
        String className,
        boolean classObject,
        String field,
        String rootKind,
        long count,
        long shallow,
        long retained,
        long offHeap,
        String label,
        String rootThread,
        boolean classLoader,
        long definedClasses,
        long rootThreadCount,
        String lastRootThread) {

    /** A node of at most one thread. */
    public PathNode(
            int parent,
            String className,
            boolean classObject,
            String field,
            String rootKind,
            long count,
            long shallow,
            long retained,
            long offHeap,
            String label,
            String rootThread,
            boolean classLoader,
            long definedClasses) {
        this(
                parent,
                className,
                classObject,
                field,
                rootKind,
                count,
                shallow,
                retained,
                offHeap,
                label,
                rootThread,
                classLoader,
                definedClasses,
                rootThread == null ? 0 : 1,
                null);
    }

    /** A node of plain objects: no thread, no class loader. */
    public PathNode(
            int parent,
            String className,
            boolean classObject,
            String field,
            String rootKind,
            long count,
            long shallow,
            long retained,
            long offHeap,
            String label) {
        this(parent, className, classObject, field, rootKind, count, shallow, retained, offHeap, label, null, false, 0);
    }

    /** The node key under its parent: nodes of different dumps with the same chain of keys are the same path. */
    public String key() {
        return classObject ? "class " + className : className;
    }
}
