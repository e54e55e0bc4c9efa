package dev.leakprobe.analyzer.heap;

import java.util.List;

/**
 * One opened heap dump, as the analyzer sees it: objects are dense int ids, the dominator tree and retained sizes are
 * computed. Objects no GC root reaches are either out of the tree (garbage; the engine's warnings say how many) or
 * kept under a root of their own. Implemented by our engine ({@code heap.hprof}) and by the MAT engine
 * ({@code heap.mat}), the reference it is tested against.
 */
public interface HeapSnapshot extends AutoCloseable {

    /** The virtual root of the dominator tree: {@code dominated(ROOT)} are the objects no single object dominates. */
    int ROOT = -1;

    int objectCount();

    /** Objects immediately dominated by {@code id} ({@link #ROOT} for the top of the tree). */
    int[] dominated(int id);

    /** The immediate dominator of {@code id}, or {@link #ROOT}. */
    int dominator(int id);

    /** The id of the class object of {@code id}'s class (java.lang.Class for class objects). */
    int classOf(int id);

    /** The name of the class whose class object is {@code classObjectId}, e.g. {@code java.util.HashMap$Node[]}. */
    String className(int classObjectId);

    boolean isClassObject(int id);

    /** The class loader that defined the class {@code classObjectId}; the system class loader's id for the JDK's. */
    int classLoaderOf(int classObjectId);

    boolean isArray(int id);

    long shallow(int id);

    long retained(int id);

    /** A short human label of one object: its class and, for strings and the like, its value. */
    String label(int id);

    /**
     * The name of the reference from {@code from} to {@code to}: a field name, a static field name, or {@code "[]"}
     * for an array element; {@code null} when {@code from} does not refer to {@code to} directly.
     */
    String referenceName(int from, int to);

    /**
     * Objects {@code id} refers to: fields, static fields, array elements, and the engine's own references (every
     * object refers to its class object; a class to its loader and super class; a thread to its stack locals).
     */
    int[] outbound(int id);

    /** The GC roots. */
    int[] gcRoots();

    /** {@link #rootFlags} bit: every root record of the object is a thread-stack root (a Java local and the like). */
    int STACK_ONLY_ROOT = 1;
    /** {@link #rootFlags} bit: the object is a thread object root. */
    int THREAD_ROOT = 2;

    /** {@link #STACK_ONLY_ROOT} and {@link #THREAD_ROOT} bits of a GC root; 0 for other objects. */
    int rootFlags(int id);

    /** The kind of GC root {@code id} is (e.g. "Java local"), or {@code null} when it is none. */
    String rootKind(int id);

    /** Ids of the instances of the named class and of its subclasses; empty when the class is absent. */
    int[] instancesOf(String className);

    /** The object an instance field refers to, or -1 when null or absent. */
    int referenceField(int id, String field);

    /** A primitive instance field as a long, or {@code null} when absent. */
    Long primitiveField(int id, String field);

    /** The object's address in the dump (what both engines agree on, whatever their ids). */
    long address(int id);

    /** What the engine complained about while opening (truncated dump and the like). */
    List<String> warnings();

    @Override
    void close();
}
