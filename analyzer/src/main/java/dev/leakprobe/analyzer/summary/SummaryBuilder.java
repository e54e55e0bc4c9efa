package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.format.Synthetic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one opened dump into a {@link DumpSummary}: one walk of the dominator tree, top down, that fills the class
 * table and the retention-path tree at once; objects go into path nodes by their {@link ShortestPaths shortest path}
 * from the GC roots, sizes come from the dominator tree.
 */
public final class SummaryBuilder {

    /** Nodes with at least this many objects are kept whatever their size: they may be the start of a leak. */
    static final int KEEP_COUNT = 16;
    /** ... and nodes retaining at least this share of the heap. */
    static final double KEEP_SHARE = 1.0 / 20_000;

    static final int MAX_NODES = 30_000;
    /** How far up the dominator tree a loader's class is followed to see whether another of the loader's holds it. */
    static final int MAX_DOMINATOR_WALK = 10_000;

    static final int TOP_DOMINATORS = 25;

    private static final String DIRECT_BUFFER = "java.nio.DirectByteBuffer";
    private static final String SITE_FIELD = Synthetic.SITE_FIELD;
    private static final String TRACKED_REF = Synthetic.TRACKED_REF_CLASS;
    /** The words of the engine's warning about objects of a live dump that it kept under a made-up root. */
    private static final String JVM_HELD_WARNING = "held by the JVM outside the dump";
    /** What a class of a permanent loader is, as the root of its static fields' paths. */
    static final String CLASS_ROOT = "Class";

    private final HeapSnapshot heap;
    private final Progress progress;
    private final String dumpName;

    private final Map<Integer, Long> offHeapRetained = new HashMap<>();
    /** What the permanent classes an object dominates retain ({@link #discountPermanentClasses}). */
    private final Map<Integer, Long> rootsRetained = new HashMap<>();

    private final java.util.BitSet holdsRoots = new java.util.BitSet();
    /** The objects in {@link #offHeapRetained}: most objects keep no buffer, and a bit test spares a boxed lookup. */
    private final java.util.BitSet keepsOffHeap = new java.util.BitSet();

    private long directBytes;
    /** The buffers that own memory: object id, address, capacity; their nodes are known once the nodes are kept. */
    private final List<long[]> buffers = new ArrayList<>();
    /** Old node index → index among the kept nodes. */
    private final Map<Integer, Integer> keptIndex = new HashMap<>();

    private long directCount;
    private long mappedBytes;
    private long mappedCount;

    private final List<NodeAcc> nodes = new ArrayList<>();
    private final Map<NodeKey, Integer> nodeIndex = new HashMap<>();
    private final LongIntMap childIndex = new LongIntMap();
    /** (node, thread) pairs seen: the threads at the root of each node's objects' paths. */
    private final LongIntMap nodeThreads = new LongIntMap();

    private final Map<String, Integer> fieldIds = new HashMap<>();
    private final ClassAccumulators perClass;
    private static final int EXIT = -2;
    private final Map<String, Map<Integer, Long>> siteCounts = new HashMap<>();
    /** Each object's parent in the shortest-path tree from the GC roots, -1 for roots. */
    private int[] pathParent;
    /** The node of each object. */
    private int[] objectNode;

    private int visited;
    /** Classes that are roots of their own ({@link ShortestPaths}). */
    private java.util.BitSet permanentClasses;

    private java.util.BitSet permanentLoaders;
    /** The classes of each loader that is not permanent, by loader object id. */
    private final Map<Integer, List<Integer>> classesOf = new HashMap<>();

    private long classValueObjects;
    private long classValueBytes;
    /** Thread objects (their names go into the nodes) and class loaders (their classes are counted). */
    private java.util.BitSet threads;

    private java.util.BitSet loaders;
    /** The first class object of each name, standing for every class of that name that no permanent loader defined. */
    private final Map<String, Integer> classByName = new HashMap<>();
    /** Class object id → the class standing for it ({@link #classKey}). */
    private final LongIntMap canonicalClass = new LongIntMap();
    /** Classes defined, by loader object id. */
    private final Map<Integer, Long> definedBy = new HashMap<>();

    private SummaryBuilder(HeapSnapshot heap, String dumpName, Progress progress) {
        this.heap = heap;
        this.dumpName = dumpName;
        this.progress = progress;
        this.perClass = new ClassAccumulators(heap.objectCount());
    }

    public static DumpSummary build(HeapSnapshot heap, String dumpName, Progress progress) {
        return new SummaryBuilder(heap, dumpName, progress).build();
    }

    private DumpSummary build() {
        progress.step(dumpName, "summarising retention paths", -1);
        // Shortest paths first: they need no dominator tree, which an engine may still be computing meanwhile.
        threads = idSet(heap.instancesOf("java.lang.Thread"));
        assignNodes();
        progress.step(dumpName, "summarising off-heap buffers", -1);
        collectDirectBuffers();
        loaders = idSet(heap.instancesOf("java.lang.ClassLoader"));
        discountPermanentClasses();
        walkDominatorTree();
        countTrackedRefs();
        countDefinedClasses();
        long heapBytes = nodes.stream().mapToLong(n -> n.shallow).sum();
        List<PathNode> kept = keepNodes(heapBytes);
        List<ClassStats> classes = classTable();
        List<DominatorEntry> dominators = topDominators();
        return new DumpSummary(
                DumpSummary.FORMAT,
                null,
                classes.stream().mapToLong(ClassStats::count).sum(),
                heapBytes,
                directBytes,
                directCount,
                mappedBytes,
                mappedCount,
                warnings(),
                classes,
                dominators,
                kept,
                siteCounts,
                null,
                bufferNodes());
    }

    /** Each buffer with the kept node it sits in (its own, or the nearest kept ancestor). */
    private BufferNodes bufferNodes() {
        long[] addresses = new long[buffers.size()];
        long[] capacities = new long[buffers.size()];
        int[] kept = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            long[] b = buffers.get(i);
            addresses[i] = b[1];
            capacities[i] = b[2];
            int node = objectNode[(int) b[0]];
            while (node >= 0 && !keptIndex.containsKey(node)) {
                node = nodes.get(node).parent;
            }
            kept[i] = node < 0 ? -1 : keptIndex.get(node);
        }
        return new BufferNodes(addresses, capacities, kept);
    }

    /**
     * The engine's warnings, but for its count of what a live dump shows no path to: nearly all of that is the JVM's
     * own class metadata (names, reflection caches, fields of {@code java.lang.Class} that HPROF leaves out), which
     * says nothing about a leak. Only values of a {@link ClassValue} are the application's data held that way: they
     * are counted and said ({@link ShortestPaths}, phase five).
     */
    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (String warning : heap.warnings()) {
            if (!warning.contains(JVM_HELD_WARNING)) {
                warnings.add(warning);
            }
        }
        if (classValueObjects > 0) {
            warnings.add(String.format(
                    java.util.Locale.ROOT,
                    "%,d objects (%.1f MB) that the dump shows no path to are %s, values of a ClassValue"
                            + " (Class.classValueMap): kept under that root",
                    classValueObjects,
                    classValueBytes / 1048576.0,
                    JVM_HELD_WARNING));
        }
        return List.copyOf(warnings);
    }

    /**
     * Every reachable direct buffer that owns its memory (it has a cleaner; slices and duplicates have none) adds its
     * capacity to itself and to each of its dominators, so that any object can tell the off-heap memory it keeps.
     */
    private void collectDirectBuffers() {
        for (int buffer : heap.instancesOf(DIRECT_BUFFER)) {
            Long capacity = heap.primitiveField(buffer, "capacity");
            if (capacity == null || capacity <= 0) {
                continue;
            }
            boolean mapped = heap.referenceField(buffer, "fd") >= 0;
            boolean owner = heap.referenceField(buffer, "cleaner") >= 0;
            if (mapped) {
                mappedBytes += capacity;
                mappedCount++;
            } else if (owner) {
                directBytes += capacity;
                directCount++;
            } else {
                continue;
            }
            Long address = heap.primitiveField(buffer, "address");
            if (address != null && address != 0) {
                buffers.add(new long[] {buffer, address, capacity});
            }
            for (int id = buffer; id != HeapSnapshot.ROOT; id = heap.dominator(id)) {
                offHeapRetained.merge(id, capacity, Long::sum);
                keepsOffHeap.set(id);
            }
        }
    }

    /**
     * A class of a permanent loader is a root of its own in the path tree, but in the dominator tree the loader's
     * class list dominates it: what such a class retains (its statics) is taken out of what dominates it, so that
     * {@code AppClassLoader.classes} does not seem to hold the application's statics, counted once at each class.
     */
    private void discountPermanentClasses() {
        for (int c = permanentClasses.nextSetBit(0); c >= 0; c = permanentClasses.nextSetBit(c + 1)) {
            long retained = heap.retained(c);
            for (int id = heap.dominator(c); id != HeapSnapshot.ROOT && retained > 0; id = heap.dominator(id)) {
                rootsRetained.merge(id, retained, Long::sum);
                holdsRoots.set(id);
                if (permanentClasses.get(id)) {
                    break; // that class's own share is taken from its dominators in its turn
                }
            }
        }
    }

    /**
     * Walks the dominator tree top down for the sizes, every object already in the node of its shortest-path parent
     * ({@link #assignNodes}). Keying by the dominator tree instead would move
     * shared objects from dump to dump: a room every open session also refers to floats to the top of the tree while
     * sessions are open.
     */
    private void walkDominatorTree() {
        IntStack stack = new IntStack();
        for (int top : heap.dominated(HeapSnapshot.ROOT)) {
            stack.push(top, -1, -1, -1);
        }
        walk(stack);
    }

    /** The breadth-first order is needed only here: it is garbage before the dominator walk starts. */
    private void assignNodes() {
        ShortestPaths paths = ShortestPaths.compute(heap);
        pathParent = paths.parent;
        permanentClasses = paths.permanentClasses;
        permanentLoaders = paths.permanentLoaders;
        classValueObjects = paths.classValueObjects;
        classValueBytes = paths.classValueBytes;
        objectNode = new int[heap.objectCount()];
        Arrays.fill(objectNode, -1);
        int[] order = paths.order;
        // The thread at the root of each object's path (-1: none), in breadth-first order: parents come first.
        int[] rootThread = new int[heap.objectCount()];
        for (int i = 0; i < paths.reached; i++) {
            int object = order[i];
            int parent = pathParent[object];
            int parentNode = parent < 0 ? -1 : objectNode[parent];
            // Static fields of one class holding the same type are different places: key them by field name.
            int field = parent >= 0 && heap.isClassObject(parent) ? fieldId(heap.referenceName(parent, object)) : -1;
            int node = nodeFor(object, parentNode, field);
            objectNode[object] = node;
            int thread = parent >= 0 ? rootThread[parent] : threads.get(object) ? object : -1;
            rootThread[object] = thread;
            if (thread >= 0 && nodeThreads.get(pack(node, thread)) < 0) {
                nodeThreads.put(pack(node, thread), 0);
                nodes.get(node).addThread(thread);
            }
        }
    }

    private int nodeFor(int object, int parentNode, int field) {
        boolean classObject = heap.isClassObject(object);
        int key = classObject ? -classKey(object) - 2 : classKey(heap.classOf(object));
        if (parentNode >= 0 && nodes.get(parentNode).key == key && field < 0) {
            // A chain of one class (linked nodes): the whole chain is one node, or paths would never end.
            return parentNode;
        }
        return nodeOf(parentNode, key, field, classObject ? object : key, classObject);
    }

    /**
     * A class of a permanent loader is one of a kind: its own key. The classes of other loaders are keyed by name
     * (a hidden class's without its address: {@code RatesPlugin$$Lambda}), and so are their instances: a loader
     * defined anew for each plugin version or script defines the same classes again, and a hundred such classes, or
     * their instances, under one holder are one node of a hundred, which can grow.
     */
    private int classKey(int classObject) {
        if (permanentClasses.get(classObject)) {
            return classObject;
        }
        int known = canonicalClass.get(classObject);
        if (known >= 0) {
            return known;
        }
        int canonical = classByName.computeIfAbsent(stableName(heap.className(classObject)), name -> classObject);
        canonicalClass.put(classObject, canonical);
        return canonical;
    }

    /** A class name without what differs each time the class is defined: a hidden class's address, a lambda's number. */
    static String stableName(String className) {
        return className.replaceAll("\\$\\$Lambda\\$[0-9]+", "\\$\\$Lambda").replaceAll("[/+]0x[0-9a-fA-F]+", "");
    }

    private void walk(IntStack stack) {
        int total = Math.max(1, heap.objectCount());
        while (!stack.isEmpty()) {
            stack.pop();
            if (stack.a == EXIT) {
                perClass.onPath[stack.b]--;
                nodes.get(stack.c).onPath--;
                continue;
            }
            int object = stack.a;
            int node = objectNode[object];
            if (node < 0) {
                // Nothing the engine knows reaches it from a root: under its dominator's node.
                node = nodeFor(object, stack.b, stack.d);
                objectNode[object] = node;
            }
            NodeAcc acc = nodes.get(node);
            boolean classObject = acc.classObject;
            int classId = heap.classOf(object);
            // An object nested in another object of its own node (a chain, a recursive structure) is already inside
            // that one's retained size: counted, but its sizes are not added again.
            boolean own = acc.onPath == 0;
            long shallow = heap.shallow(object);
            long retained = heap.retained(object) - (holdsRoots.get(object) ? rootsRetained.get(object) : 0L);
            long offHeap = keepsOffHeap.get(object) ? offHeapRetained.get(object) : 0L;
            acc.count++;
            acc.shallow += shallow;
            if (own) {
                acc.retained += retained;
                acc.offHeap += offHeap;
                if (retained + offHeap > acc.repSize || acc.rep < 0) {
                    acc.rep = object;
                    acc.repSize = retained + offHeap;
                }
            }
            int slot = perClass.slot(classId);
            perClass.count[slot]++;
            perClass.shallow[slot] += shallow;
            if (perClass.onPath[slot] == 0) {
                // Only the topmost instances of a class on each dominator path: the rest is inside their retained.
                perClass.retained[slot] += retained;
            }
            countSite(object, classId, slot);
            if (classObject) {
                int loader = heap.classLoaderOf(object);
                if (loader >= 0 && loaders.get(loader)) {
                    definedBy.merge(loader, 1L, Long::sum);
                    if (!permanentLoaders.get(loader)) {
                        classesOf
                                .computeIfAbsent(loader, k -> new ArrayList<>())
                                .add(object);
                    }
                }
            }
            int[] children = heap.dominated(object);
            if (children.length > 0) {
                perClass.onPath[slot]++;
                acc.onPath++;
                stack.push(EXIT, slot, node, 0);
            }
            for (int child : children) {
                // The field matters only for children nothing reaches (their node is made here).
                int childField = classObject && objectNode[child] < 0 ? fieldId(heap.referenceName(object, child)) : -1;
                stack.push(child, node, classId, childField);
            }
            if (++visited % 200_000 == 0) {
                progress.step(dumpName, "summarising retention paths", (int) (100L * visited / total));
            }
        }
    }

    private int fieldId(String name) {
        if (name == null) {
            return -1;
        }
        Integer id = fieldIds.get(name);
        if (id == null) {
            id = fieldIds.size();
            fieldIds.put(name, id);
        }
        return id;
    }

    private int nodeOf(int parentNode, int key, int field, int nameId, boolean classObject) {
        int existing = lookUp(parentNode, key, field);
        if (existing >= 0) {
            return existing;
        }
        int repeat = field < 0 && !classObject ? repeatedAncestor(parentNode, key) : -1;
        if (repeat >= 0) {
            remember(parentNode, key, field, repeat);
            return repeat;
        }
        NodeAcc acc = new NodeAcc(parentNode, key, nameId, classObject);
        nodes.add(acc);
        remember(parentNode, key, field, nodes.size() - 1);
        return nodes.size() - 1;
    }

    /** Nodes by (parent node, class key); the rare keys with a static field name go to a map of their own. */
    private int lookUp(int parentNode, int key, int field) {
        if (field >= 0) {
            Integer node = nodeIndex.get(new NodeKey(parentNode, key, field));
            return node == null ? -1 : node;
        }
        return childIndex.get(pack(parentNode, key));
    }

    private void remember(int parentNode, int key, int field, int node) {
        if (field >= 0) {
            nodeIndex.put(new NodeKey(parentNode, key, field), node);
        } else {
            childIndex.put(pack(parentNode, key), node);
        }
    }

    private static long pack(int parentNode, int key) {
        return ((long) parentNode << 32) | (key & 0xFFFF_FFFFL);
    }

    /**
     * Recursive structures ({@code Node → ArrayList → Object[] → Node → ...}) would make a new node per level
     * without end. When the path already repeated a period of 2 or 3 nodes twice and {@code key} starts a third
     * round, the object goes back to the node of the same phase one period up: the structure becomes a cycle of a few
     * nodes. Two full rounds are required so that a map of maps, or rooms holding lists, keep their own nodes.
     *
     * @return the node to reuse, or -1
     */
    private int repeatedAncestor(int parentNode, int key) {
        int[] up = new int[7];
        int depth = 0;
        for (int n = parentNode; n >= 0 && depth < up.length; n = nodes.get(n).parent) {
            up[depth++] = n;
        }
        // up[0] is the parent (distance 1), up[p - 1] the ancestor at distance p.
        for (int p = 2; p <= 3; p++) {
            if (depth < 2 * p || nodes.get(up[p - 1]).key != key || nodes.get(up[p - 1]).classObject) {
                continue;
            }
            boolean repeated = true;
            for (int j = 0; j < p && repeated; j++) {
                NodeAcc a = nodes.get(up[j]);
                NodeAcc b = nodes.get(up[j + p]);
                repeated = a.key == b.key && !a.classObject && !b.classObject;
            }
            if (repeated && nodes.get(up[2 * p - 1]).key == key) {
                return up[p - 1];
            }
        }
        return -1;
    }

    /** Instances the agent sampled carry their allocation-site id in an injected int field. */
    private void countSite(int object, int classId, int slot) {
        if (perClass.siteField[slot] == 0) {
            boolean has = !heap.isArray(object)
                    && !heap.isClassObject(object)
                    && heap.primitiveField(object, SITE_FIELD) != null;
            perClass.siteField[slot] = (byte) (has ? 2 : 1);
        }
        if (perClass.siteField[slot] == 2) {
            Long site = heap.primitiveField(object, SITE_FIELD);
            if (site != null && site != 0) {
                siteCounts
                        .computeIfAbsent(heap.className(classId), k -> new HashMap<>())
                        .merge(site.intValue(), 1L, Long::sum);
            }
        }
    }

    /** Classes loaded before the agent attached are sampled through TrackedRefs: a weak referent and a site id. */
    private void countTrackedRefs() {
        for (int ref : heap.instancesOf(TRACKED_REF)) {
            Long site = heap.primitiveField(ref, Synthetic.TRACKED_REF_SITE_FIELD);
            int referent = heap.referenceField(ref, "referent");
            if (site != null && site != 0 && referent >= 0) {
                siteCounts
                        .computeIfAbsent(heap.className(heap.classOf(referent)), k -> new HashMap<>())
                        .merge(site.intValue(), 1L, Long::sum);
            }
        }
    }

    private static java.util.BitSet idSet(int[] ids) {
        java.util.BitSet set = new java.util.BitSet();
        for (int id : ids) {
            set.set(id);
        }
        return set;
    }

    /**
     * Each loader's classes go to the loader's node: a class-loader leak reads as loaders with their classes. A loader
     * and its classes live and die together (each class keeps its loader, the loader keeps its classes), so a
     * loader's retained size is that of the whole: the loader's and its classes' with their statics, each counted
     * once (only those of them that none of the others dominates). Not for the permanent loaders, which hold every
     * class of the application.
     */
    private void countDefinedClasses() {
        definedBy.forEach((loader, classes) -> {
            int node = objectNode[loader];
            if (node >= 0) {
                nodes.get(node).definedClasses += classes;
                nodes.get(node).retained += unitRetained(loader) - heap.retained(loader);
            }
        });
    }

    /** What a loader and its classes retain together, without counting twice what one of them dominates. */
    private long unitRetained(int loader) {
        List<Integer> classes = classesOf.getOrDefault(loader, List.of());
        if (classes.isEmpty()) {
            return heap.retained(loader);
        }
        java.util.Set<Integer> members = new java.util.HashSet<>(classes);
        members.add(loader);
        long total = 0;
        for (int member : members) {
            if (!dominatedByAnother(member, members)) {
                total += heap.retained(member);
            }
        }
        return total;
    }

    private boolean dominatedByAnother(int member, java.util.Set<Integer> members) {
        int steps = 0;
        for (int id = heap.dominator(member); id != HeapSnapshot.ROOT && steps < MAX_DOMINATOR_WALK; steps++) {
            if (members.contains(id)) {
                return true;
            }
            id = heap.dominator(id);
        }
        return false;
    }

    /**
     * Keeps the nodes worth comparing (many objects, or a noticeable share of the heap) and their ancestors, biggest
     * first up to {@link #MAX_NODES}, so that the summary stays small; a node missing from a dump counts as zero.
     */
    private List<PathNode> keepNodes(long heapBytes) {
        long minSize = Math.max(1, (long) (heapBytes * KEEP_SHARE));
        Integer[] order = new Integer[nodes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -(nodes.get(i).retained + nodes.get(i).offHeap)));
        Map<Integer, Integer> newIndex = new LinkedHashMap<>();
        for (int i : order) {
            NodeAcc n = nodes.get(i);
            if (n.count < KEEP_COUNT && n.retained + n.offHeap < minSize) {
                continue;
            }
            if (newIndex.size() >= MAX_NODES) {
                break;
            }
            if (newIndex.size() + missingAncestors(i, newIndex) > MAX_NODES) {
                continue; // never more than MAX_NODES, which the reader holds to (SummaryCheck)
            }
            keepWithAncestors(i, newIndex);
        }
        // Parents come before children in the list: sort the kept old indexes (a parent is always created first).
        List<Integer> keptOld = new ArrayList<>(newIndex.keySet());
        keptOld.sort(Comparator.naturalOrder());
        Map<Integer, Integer> remap = keptIndex;
        List<PathNode> result = new ArrayList<>(keptOld.size());
        for (int old : keptOld) {
            NodeAcc n = nodes.get(old);
            remap.put(old, result.size());
            result.add(toPathNode(n, n.parent < 0 ? -1 : remap.get(n.parent)));
        }
        return result;
    }

    /** How many nodes keeping {@code node} adds: itself and its ancestors not kept yet. */
    private int missingAncestors(int node, Map<Integer, Integer> kept) {
        int missing = 0;
        for (int i = node; i >= 0 && !kept.containsKey(i); i = nodes.get(i).parent) {
            missing++;
        }
        return missing;
    }

    private void keepWithAncestors(int node, Map<Integer, Integer> kept) {
        for (int i = node; i >= 0 && !kept.containsKey(i); i = nodes.get(i).parent) {
            kept.put(i, i);
        }
    }

    private PathNode toPathNode(NodeAcc n, int parent) {
        String name = heap.className(n.nameId);
        if (!permanentClasses.get(n.nameId)) {
            name = stableName(name);
        }
        String field = null;
        String rootKind = null;
        String label = null;
        if (n.rep >= 0) {
            int holder = pathParent[n.rep];
            if (holder < 0) {
                rootKind = heap.rootKind(n.rep);
                if (n.classObject
                        && permanentClasses.get(n.rep)
                        && (rootKind == null || rootKind.contains(JVM_HELD_WARNING))) {
                    rootKind = CLASS_ROOT;
                }
            } else {
                field = heap.referenceName(holder, n.rep);
            }
            label = heap.label(n.rep);
        }
        boolean classLoader = n.rep >= 0 && !n.classObject && loaders.get(n.rep);
        List<String> threadNames = rootThreads(n);
        return new PathNode(
                parent,
                name,
                n.classObject,
                field,
                rootKind,
                n.count,
                n.shallow,
                n.retained,
                n.offHeap,
                label,
                threadNames.isEmpty() ? null : threadNames.get(0),
                classLoader,
                n.definedClasses,
                threadNames.size(),
                threadNames.size() < 2 ? null : threadNames.get(threadNames.size() - 1));
    }

    /**
     * The names of the threads at the root of the node's objects' paths, in natural order ({@code worker-2} before
     * {@code worker-10}): a ThreadLocal's values on four pooled threads are one node of four threads, and a user
     * tells two pools apart by their names.
     */
    private List<String> rootThreads(NodeAcc n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n.threadCount; i++) {
            String name = quoted(heap.label(n.threads[i]));
            if (name != null) {
                names.add(name);
            }
        }
        names.sort(ThreadNames.NATURAL_ORDER);
        return names;
    }

    /** The value of a label ({@code java.lang.Thread "worker-1"}), or null when it has none. */
    private static String quoted(String label) {
        int quote = label == null ? -1 : label.indexOf(" \"");
        return quote < 0 || !label.endsWith("\"") ? null : label.substring(quote + 2, label.length() - 1);
    }

    private List<ClassStats> classTable() {
        List<ClassStats> classes = new ArrayList<>(perClass.size);
        for (int i = 0; i < perClass.size; i++) {
            classes.add(new ClassStats(
                    heap.className(perClass.classId[i]), perClass.count[i], perClass.shallow[i], perClass.retained[i]));
        }
        classes.sort(Comparator.comparingLong(ClassStats::retained).reversed().thenComparing(ClassStats::name));
        return classes;
    }

    private List<DominatorEntry> topDominators() {
        int[] top = heap.dominated(HeapSnapshot.ROOT);
        Integer[] ids = Arrays.stream(top).boxed().toArray(Integer[]::new);
        Arrays.sort(
                ids,
                Comparator.comparingLong((Integer id) -> -(heap.retained(id) + offHeapRetained.getOrDefault(id, 0L))));
        List<DominatorEntry> result = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP_DOMINATORS, ids.length); i++) {
            int id = ids[i];
            String className =
                    heap.isClassObject(id) ? "class " + heap.className(id) : heap.className(heap.classOf(id));
            result.add(new DominatorEntry(
                    className,
                    heap.label(id),
                    heap.shallow(id),
                    heap.retained(id),
                    offHeapRetained.getOrDefault(id, 0L)));
        }
        return result;
    }

    /** A node under construction. {@code key} is the class id, or -(object id)-2 for a class object. */
    private static final class NodeAcc {
        final int parent;
        final int key;
        final int nameId;
        final boolean classObject;
        long count;
        long shallow;
        long retained;
        long offHeap;
        long definedClasses;
        int rep = -1;
        long repSize = -1;
        /** Objects of this node on the dominator path being walked. */
        int onPath;
        /** The distinct threads at the root of its objects' paths: {@code threads[0..threadCount)}. */
        int[] threads = new int[0];

        int threadCount;

        void addThread(int thread) {
            if (threadCount == threads.length) {
                threads = Arrays.copyOf(threads, Math.max(2, threadCount * 2));
            }
            threads[threadCount++] = thread;
        }

        NodeAcc(int parent, int key, int nameId, boolean classObject) {
            this.parent = parent;
            this.key = key;
            this.nameId = nameId;
            this.classObject = classObject;
        }
    }

    private record NodeKey(int parent, int key, int field) {}

    /**
     * Per-class sums in plain arrays indexed by a dense slot: the walk touches them once per object, and boxed map
     * lookups cost a tenth of the whole walk on a dump of 11 million objects.
     */
    private static final class ClassAccumulators {
        /** Class object id → slot + 1 (0: not seen yet). Class ids are object ids, hence the size. */
        private final int[] slotOf;

        int size;
        int[] classId = new int[256];
        long[] count = new long[256];
        long[] shallow = new long[256];
        long[] retained = new long[256];
        /** How many instances of the class are on the dominator path being walked. */
        int[] onPath = new int[256];
        /** 0 not checked, 1 no {@code leakprobe$site} field, 2 has one. */
        byte[] siteField = new byte[256];

        ClassAccumulators(int objects) {
            slotOf = new int[Math.max(1, objects)];
        }

        int slot(int id) {
            int s = slotOf[id];
            if (s == 0) {
                if (size == classId.length) {
                    int n = size * 2;
                    classId = Arrays.copyOf(classId, n);
                    count = Arrays.copyOf(count, n);
                    shallow = Arrays.copyOf(shallow, n);
                    retained = Arrays.copyOf(retained, n);
                    onPath = Arrays.copyOf(onPath, n);
                    siteField = Arrays.copyOf(siteField, n);
                }
                classId[size] = id;
                s = ++size;
                slotOf[id] = s;
            }
            return s - 1;
        }
    }

    /** A stack of int quadruples, without boxing: the dominator tree of a big dump has tens of millions of objects. */
    private static final class IntStack {
        private int[] data = new int[4 * 1024];
        private int size;
        int a;
        int b;
        int c;
        int d;

        void push(int a, int b, int c, int d) {
            if (size + 4 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
            data[size++] = d;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Pops the top entry into {@code a..d}. */
        void pop() {
            d = data[--size];
            c = data[--size];
            b = data[--size];
            a = data[--size];
        }
    }
}
