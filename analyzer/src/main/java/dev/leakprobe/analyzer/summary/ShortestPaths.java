package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The shortest-path (breadth-first) tree from the GC roots: for every object, the object that first reaches it and
 * how many references away from a root it is. Unlike its place in the dominator tree, an object's shortest path does
 * not move when something shared by many (a room every open session also refers to) gains or loses a second holder,
 * so retention paths are keyed by it.
 *
 * <p>Two phases, so that references from stacks, which come and go between dumps, do not make shallow paths: first
 * from every root that is not only a thread-stack root, without following a thread's locals; then from the locals
 * and the stack roots, for what only they reach. A class object is reached from its loader or as a root, not from an
 * instance through the instance's reference to its class (unless nothing else reaches it).
 */
final class ShortestPaths {

    /** BFS parent of each object; -1 for roots (and objects nothing reaches). */
    final int[] parent;
    /** The reached objects in breadth-first order: every object comes after its parent. */
    final int[] order;
    /** How many objects were reached: {@code order[0..reached)}. */
    final int reached;

    private ShortestPaths(int[] parent, int[] order, int reached) {
        this.parent = parent;
        this.order = order;
        this.reached = reached;
    }

    static ShortestPaths compute(HeapSnapshot heap) {
        int n = heap.objectCount();
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        BitSet reached = new BitSet(n);
        int[] roots = heap.gcRoots();
        BitSet stackOnly = new BitSet(n);
        BitSet threads = new BitSet(n);
        for (int root : roots) {
            int flags = heap.rootFlags(root);
            if ((flags & HeapSnapshot.STACK_ONLY_ROOT) != 0) {
                stackOnly.set(root);
            }
            if ((flags & HeapSnapshot.THREAD_ROOT) != 0) {
                threads.set(root);
            }
        }
        roots = stableOrder(heap, roots, threads);
        int[] queue = new int[n];
        int tail = 0;
        for (int root : roots) {
            if (!stackOnly.get(root) && !reached.get(root)) {
                reached.set(root);
                queue[tail++] = root;
            }
        }
        tail = expand(heap, queue, 0, tail, parent, reached, threads);
        // Phase two, below everything phase one reached: the threads' locals and the stack-only roots.
        int head = tail;
        for (int thread : roots) {
            if (!threads.get(thread) || !reached.get(thread)) {
                continue;
            }
            for (int ref : heap.outbound(thread)) {
                if (ref >= 0 && !reached.get(ref) && !heap.isClassObject(ref)) {
                    reached.set(ref);
                    parent[ref] = thread;
                    queue[tail++] = ref;
                }
            }
        }
        for (int root : roots) {
            if (!reached.get(root)) {
                reached.set(root);
                parent[root] = -1;
                queue[tail++] = root;
            }
        }
        tail = expand(heap, queue, head, tail, parent, reached, null);
        // Classes no loader lists (generated ones) are reached only through their instances: last, keeping the
        // instance that first referred to them as their parent.
        while (true) {
            head = tail;
            for (int id = 0; id < n; id++) {
                if (!reached.get(id) && parent[id] >= 0) {
                    reached.set(id);
                    queue[tail++] = id;
                }
            }
            if (tail == head) {
                return new ShortestPaths(parent, queue, tail);
            }
            tail = expand(heap, queue, head, tail, parent, reached, null);
        }
    }

    /**
     * Breadth first from {@code queue[head..tail)}. With {@code threads}: a thread's references that are not fields
     * of it are its stack locals (the engine models a thread's locals as references from the thread object): not
     * followed.
     */
    private static int expand(
            HeapSnapshot heap, int[] queue, int head, int tail, int[] parent, BitSet reached, BitSet threads) {
        while (head < tail) {
            int object = queue[head++];
            boolean classObject = heap.isClassObject(object);
            boolean thread = threads != null && threads.get(object);
            for (int ref : heap.outbound(object)) {
                if (ref < 0 || reached.get(ref)) {
                    continue;
                }
                if (!classObject && heap.isClassObject(ref) && ref == heap.classOf(object)) {
                    // An instance's own class: remembered in case nothing else reaches it, but not followed.
                    if (parent[ref] < 0) {
                        parent[ref] = object;
                    }
                    continue;
                }
                if (thread && heap.referenceName(object, ref) == null) {
                    continue;
                }
                reached.set(ref);
                parent[ref] = object;
                queue[tail++] = ref;
            }
        }
        return tail;
    }

    /**
     * Roots in an order that does not depend on addresses, which change when the collector moves objects between
     * dumps: of two equally short paths the first root's wins, and it must win in every dump. Classes by name, then
     * threads by name, then the rest by class.
     */
    private static int[] stableOrder(HeapSnapshot heap, int[] roots, BitSet threads) {
        String[] keys = new String[roots.length];
        Integer[] index = new Integer[roots.length];
        for (int i = 0; i < roots.length; i++) {
            int root = roots[i];
            keys[i] = heap.isClassObject(root)
                    ? "0" + heap.className(root)
                    : threads.get(root) ? "1" + heap.label(root) : "2" + heap.className(heap.classOf(root));
            index[i] = i;
        }
        // A stable sort: roots with equal keys keep the engine's order.
        Arrays.sort(index, (a, b) -> keys[a].compareTo(keys[b]));
        int[] ordered = new int[roots.length];
        for (int i = 0; i < roots.length; i++) {
            ordered[i] = roots[index[i]];
        }
        return ordered;
    }
}
