package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.hprof.HprofEngine;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The shortest-path (breadth-first) tree from the GC roots: for every object, the object that first reaches it and
 * how many references away from a root it is. Unlike its place in the dominator tree, an object's shortest path does
 * not move when something shared by many (a room every open session also refers to) gains or loses a second holder,
 * so retention paths are keyed by it.
 *
 * <p>The rules, in the order the phases run (each phase only reaches what the ones before did not):
 *
 * <ol>
 *   <li>From the roots that stay: system classes, threads, JNI globals. A thread's locals are not followed, nor
 *       the reference to its loader of a class of a <em>permanent</em> loader (the bootstrap loader, and the loaders
 *       a system class's static field holds: the platform and application loaders). Such a class lives as long as
 *       the JVM: wherever the walk reaches it (its loader's class list, {@code LauncherHelper.appClass}), it is the
 *       root of its static fields' paths ({@code Registry.ROOMS → ...}) when the walk is done.
 *   <li>The threads' locals and the stack-only roots, whose contents change from moment to moment.
 *   <li>Classes reached only through their instances (a class is not reached from an instance's reference to its
 *       class while anything else reaches it): classes of other loaders, which live as long as their loader, and
 *       their loader as long as anything holds it or one of its classes.
 *   <li>The agent's own objects (classes of {@code dev.leakprobe.agent} and what only they reach): never on a path
 *       to the application's objects, which are reached in the phases before whenever they can be.
 *   <li>Last, what the dump shows no path to at all: the made-up roots of a live dump, objects the JVM holds through
 *       fields of {@code java.lang.Class} that HPROF leaves out (names, reflection caches, values of a
 *       {@link ClassValue}).
 * </ol>
 */
final class ShortestPaths {

    private static final String AGENT_PACKAGE = "dev.leakprobe.agent.";
    /** The map of a class's {@link ClassValue} values ({@code Class.classValueMap}). */
    static final String CLASS_VALUE_MAP = "java.lang.ClassValue$ClassValueMap";
    /** One value in that map, with the version of the ClassValue it belongs to. */
    private static final String CLASS_VALUE_ENTRY = "java.lang.ClassValue$Entry";

    /** BFS parent of each object; -1 for roots (and objects nothing reaches). */
    final int[] parent;
    /** The reached objects in breadth-first order: every object comes after its parent. */
    final int[] order;
    /** How many objects were reached: {@code order[0..reached)}. */
    final int reached;
    /** Classes that are roots of their own: classes of a permanent loader. */
    final BitSet permanentClasses;
    /** The permanent loaders: the bootstrap loader and those a system class's static field holds. */
    final BitSet permanentLoaders;
    /** Objects and bytes that only the JVM holds, through a class's {@link ClassValue} map (live dumps). */
    final long classValueObjects;

    final long classValueBytes;

    private ShortestPaths(Walk walk) {
        this.parent = walk.parent;
        this.order = walk.queue;
        this.reached = walk.tail;
        this.permanentClasses = walk.permanentClasses;
        this.permanentLoaders = walk.permanentLoaders;
        this.classValueObjects = walk.classValueObjects;
        this.classValueBytes = walk.classValueBytes;
    }

    static ShortestPaths compute(HeapSnapshot heap) {
        return new ShortestPaths(new Walk(heap).run());
    }

    /** One computation: the queue, the marks and the sets of objects the rules above treat apart. */
    private static final class Walk {
        private final HeapSnapshot heap;
        private final int n;
        final int[] parent;
        final int[] queue;
        int tail;
        private final BitSet reached;
        private final BitSet stackOnly;
        private final BitSet threads;
        private final BitSet heldByJvm;
        /** Class objects of the agent's classes. */
        private final BitSet agentClasses;
        /** Entries of ClassValue maps not to be reached yet (phase five). */
        private final BitSet heldEntries = new BitSet();

        BitSet permanentClasses;
        BitSet permanentLoaders;
        long classValueObjects;
        long classValueBytes;
        /** While true, the agent's objects are passed over (remembered with their first referrer, like classes). */
        private boolean holdBackAgent = true;

        Walk(HeapSnapshot heap) {
            this.heap = heap;
            this.n = heap.objectCount();
            this.parent = new int[n];
            Arrays.fill(parent, -1);
            this.queue = new int[n];
            this.reached = new BitSet(n);
            this.stackOnly = new BitSet(n);
            this.threads = new BitSet(n);
            this.heldByJvm = new BitSet(n);
            this.agentClasses = new BitSet(n);
        }

        Walk run() {
            int[] roots = heap.gcRoots();
            for (int root : roots) {
                int flags = heap.rootFlags(root);
                if ((flags & HeapSnapshot.STACK_ONLY_ROOT) != 0) {
                    stackOnly.set(root);
                }
                if ((flags & HeapSnapshot.THREAD_ROOT) != 0) {
                    threads.set(root);
                }
                String kind = heap.rootKind(root);
                if (kind != null && kind.contains(HprofEngine.HELD_BY_JVM)) {
                    heldByJvm.set(root);
                }
            }
            permanentClasses = permanentClasses(roots);
            roots = stableOrder(roots);
            // Phase one: the roots that stay.
            for (int root : roots) {
                if (!stackOnly.get(root) && !heldByJvm.get(root) && !agent(root)) {
                    enqueue(root, -1);
                }
            }
            expand(0, true);
            // Phase two, below everything phase one reached: the threads' locals and the stack-only roots.
            int head = tail;
            for (int thread : roots) {
                if (!threads.get(thread) || !reached.get(thread)) {
                    continue;
                }
                for (int ref : heap.outbound(thread)) {
                    if (ref < 0 || reached.get(ref) || heap.isClassObject(ref)) {
                        continue;
                    }
                    if (heldBack(ref, thread)) {
                        remember(ref, thread);
                    } else {
                        enqueue(ref, thread);
                    }
                }
            }
            for (int root : roots) {
                if (stackOnly.get(root) && !heldByJvm.get(root) && !agent(root)) {
                    enqueue(root, -1);
                }
            }
            expand(head, false);
            // Phase three: classes reached only through their instances, with what they lead to.
            reachRemembered();
            // Phase four: the agent's own objects.
            holdBackAgent = false;
            head = tail;
            for (int root : roots) {
                if (!heldByJvm.get(root)) {
                    enqueue(root, -1);
                }
            }
            expand(head, false);
            reachRemembered();
            // Phase five: what only the JVM holds. First the maps of ClassValue values, without their entries; then
            // the values of the application's ClassValues, counted (a user's data held that way); then the rest.
            BitSet userEntries = classValueEntries();
            head = tail;
            for (int root : roots) {
                if (heldByJvm.get(root) && heap.className(heap.classOf(root)).equals(CLASS_VALUE_MAP)) {
                    enqueue(root, -1);
                }
            }
            expand(head, false);
            head = tail;
            for (int entry = userEntries.nextSetBit(0); entry >= 0; entry = userEntries.nextSetBit(entry + 1)) {
                heldEntries.clear(entry);
                if (parent[entry] >= 0) {
                    enqueue(entry, parent[entry]);
                }
            }
            expand(head, false);
            for (int i = head; i < tail; i++) {
                classValueObjects++;
                classValueBytes += heap.shallow(queue[i]);
            }
            heldEntries.clear();
            head = tail;
            for (int root : roots) {
                enqueue(root, -1);
            }
            expand(head, false);
            reachRemembered();
            // A permanent class is the root of its statics' paths, however it was reached (its loader's class list,
            // LauncherHelper.appClass). It is reached where breadth first reaches it, not as a root from the start,
            // so that what a thread reaches in fewer steps than a class's static keeps the thread's path.
            for (int c = permanentClasses.nextSetBit(0); c >= 0; c = permanentClasses.nextSetBit(c + 1)) {
                parent[c] = -1;
            }
            return this;
        }

        private void enqueue(int object, int from) {
            if (!reached.get(object)) {
                reached.set(object);
                parent[object] = from;
                queue[tail++] = object;
            }
        }

        /**
         * Objects remembered with a parent but not reached (classes seen through their instances; the agent's
         * objects while they are held back) are reached now, and what they lead to, until nothing is left.
         */
        private void reachRemembered() {
            while (true) {
                int head = tail;
                for (int id = 0; id < n; id++) {
                    if (!reached.get(id) && parent[id] >= 0 && !heldBack(id, parent[id])) {
                        reached.set(id);
                        queue[tail++] = id;
                    }
                }
                if (tail == head) {
                    return;
                }
                expand(head, false);
            }
        }

        /**
         * Breadth first from {@code queue[head..tail)}. With {@code skipLocals}: a thread's references that are not
         * fields of it are its stack locals (the engine models a thread's locals as references from the thread
         * object): not followed.
         */
        private void expand(int head, boolean skipLocals) {
            while (head < tail) {
                int object = queue[head++];
                boolean classObject = heap.isClassObject(object);
                boolean permanent = classObject && permanentClasses.get(object);
                boolean thread = skipLocals && threads.get(object);
                for (int ref : heap.outbound(object)) {
                    if (ref < 0 || reached.get(ref)) {
                        continue;
                    }
                    if (!classObject && heap.isClassObject(ref) && ref == heap.classOf(object)) {
                        // An instance's own class: remembered in case nothing else reaches it, but not followed.
                        remember(ref, object);
                        continue;
                    }
                    if (heldBack(ref, object)) {
                        remember(ref, object);
                        continue;
                    }
                    if ((thread || permanent) && heap.referenceName(object, ref) == null) {
                        // A thread's locals; a permanent class's loader, reached through its own static field.
                        continue;
                    }
                    reached.set(ref);
                    parent[ref] = object;
                    queue[tail++] = ref;
                }
            }
        }

        private void remember(int ref, int from) {
            if (parent[ref] < 0) {
                parent[ref] = from;
            }
        }

        /**
         * An agent's object reached from one that is not the agent's waits for phase four; the entries of ClassValue
         * maps wait while phase five sorts the application's from the agent's.
         */
        private boolean heldBack(int ref, int from) {
            return holdBackAgent && agent(ref) && !agent(from) || heldEntries.get(ref);
        }

        /**
         * Holds back every entry of a ClassValue map, and returns those of the application's ClassValues: an entry
         * is a weak reference to its ClassValue's version ({@code Entry.referent.classValue}).
         */
        private BitSet classValueEntries() {
            BitSet user = new BitSet();
            for (int entry : heap.instancesOf(CLASS_VALUE_ENTRY)) {
                heldEntries.set(entry);
                int version = heap.referenceField(entry, "referent");
                int classValue = version < 0 ? -1 : heap.referenceField(version, "classValue");
                if (classValue < 0 || !agent(classValue)) {
                    user.set(entry);
                }
            }
            return user;
        }

        private boolean agent(int id) {
            return agentClasses.get(heap.isClassObject(id) ? id : heap.classOf(id));
        }

        /**
         * Classes of the bootstrap loader and of the loaders a system class's static field holds
         * ({@code ClassLoaders.APP_LOADER}), which the JVM never unloads; the agent's classes excepted.
         */
        private BitSet permanentClasses(int[] roots) {
            BitSet loaders = new BitSet(n);
            for (int id : heap.instancesOf("java.lang.ClassLoader")) {
                loaders.set(id);
            }
            permanentLoaders = new BitSet(n);
            for (int root : roots) {
                if (!heap.isClassObject(root) || heldByJvm.get(root)) {
                    continue;
                }
                int loader = heap.classLoaderOf(root);
                if (loader >= 0) {
                    permanentLoaders.set(loader);
                }
                for (int ref : heap.outbound(root)) {
                    if (ref >= 0 && loaders.get(ref) && heap.referenceName(root, ref) != null) {
                        permanentLoaders.set(ref);
                    }
                }
            }
            BitSet classes = new BitSet(n);
            for (int id = 0; id < n; id++) {
                if (!heap.isClassObject(id)) {
                    continue;
                }
                if (heap.className(id).startsWith(AGENT_PACKAGE)) {
                    agentClasses.set(id);
                    continue;
                }
                int loader = heap.classLoaderOf(id);
                if (loader >= 0 && permanentLoaders.get(loader)) {
                    classes.set(id);
                }
            }
            return classes;
        }

        /**
         * Roots in an order that does not depend on addresses, which change when the collector moves objects between
         * dumps: of two equally short paths the first root's wins, and it must win in every dump. Classes by name,
         * then threads by name, then the rest by class.
         */
        private int[] stableOrder(int[] roots) {
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
}
