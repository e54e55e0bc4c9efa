package dev.leakprobe.analyzer.heap.hprof;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link HeapSnapshot} over our own engine's arrays. Field values, labels and reference names are read back from the
 * dump's bytes on demand (memory-mapped, or inflated in memory for a {@code .gz}): only a few thousand objects are
 * ever asked for them.
 */
final class HprofSnapshot implements HeapSnapshot {

    private static final int STACK_KINDS = Hprof.GC_JAVA_LOCAL
            | Hprof.GC_NATIVE_LOCAL
            | Hprof.GC_NATIVE_STACK
            | Hprof.GC_THREAD_BLOCK
            | Hprof.GC_BUSY_MONITOR;
    private static final int LABEL_CHARS = 1024;
    private static final int MAX_SUPER_CLASSES = 4096;

    private final HeapLayout layout;
    private final ObjectGraph graph;
    /**
     * The dominator tree, computed on a thread of its own while the caller already walks the graph (shortest paths
     * need only the references): the two halves of a summary run on two cores.
     */
    private final CompletableFuture<DominatorTree> treeFuture;

    private final boolean keepsUnreachable;
    private final String outsideRootName;
    private final java.util.function.Function<DominatorTree, List<String>> warningsOf;
    private volatile Map<Integer, Integer> rootKinds;
    private volatile int[] gcRoots;

    HprofSnapshot(
            HeapLayout layout,
            ObjectGraph graph,
            CompletableFuture<DominatorTree> tree,
            boolean keepsUnreachable,
            String outsideRootName,
            java.util.function.Function<DominatorTree, List<String>> warningsOf) {
        this.layout = layout;
        this.graph = graph;
        this.treeFuture = tree;
        this.keepsUnreachable = keepsUnreachable;
        this.outsideRootName = outsideRootName;
        this.warningsOf = warningsOf;
        this.rootKinds = layout.rootKinds;
        this.gcRoots = sortedKeys(rootKinds);
    }

    private static int[] sortedKeys(Map<Integer, Integer> map) {
        return map.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Waits for the dominator tree; a failure there (out of memory, say) surfaces here, in the caller's thread. */
    private DominatorTree tree() {
        try {
            return treeFuture.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** With kept unreachable objects the made-up roots come from the tree, so the roots wait for it. */
    private void awaitOutsideRoots() {
        if (keepsUnreachable && rootKinds == layout.rootKinds) {
            Map<Integer, Integer> kinds = new HashMap<>(layout.rootKinds);
            for (int id : tree().outsideRoots) {
                kinds.merge(id, Hprof.GC_OUTSIDE_DUMP, (a, b) -> a | b);
            }
            gcRoots = sortedKeys(kinds);
            rootKinds = kinds;
        }
    }

    /** The per-object and per-reference arrays the engine keeps for this dump, in bytes (waits for the tree). */
    long bytesKept() {
        return layout.bytesKept() + graph.bytesKept() + tree().bytesKept();
    }

    /** The dominator computation's working arrays at their peak, in bytes. */
    long dominatorWorkingBytes() {
        return tree().workingBytes;
    }

    /** References the graph holds (each object's class included). */
    long referenceCount() {
        return graph.refs.length;
    }

    @Override
    public int objectCount() {
        return graph.classOf.length;
    }

    @Override
    public int[] dominated(int id) {
        return tree().dominated(id);
    }

    @Override
    public int dominator(int id) {
        int d = tree().dominator(id);
        return d == DominatorTree.NONE ? ROOT : d;
    }

    @Override
    public int classOf(int id) {
        return graph.classOf[id];
    }

    @Override
    public String className(int classObjectId) {
        ClassDef c = layout.classById(classObjectId);
        return c == null ? "unknown-class@" + classObjectId : c.name;
    }

    @Override
    public boolean isClassObject(int id) {
        return layout.kind(id) == RecordScanner.CLASS;
    }

    @Override
    public int classLoaderOf(int classObjectId) {
        ClassDef c = layout.classById(classObjectId);
        // Address 0 is the bootstrap loader, which HeapLayout gives an id of its own.
        return c == null ? layout.idOf(0) : layout.idOf(c.loaderAddress);
    }

    @Override
    public boolean isArray(int id) {
        byte kind = layout.kind(id);
        return kind == RecordScanner.OBJECT_ARRAY || kind == RecordScanner.PRIMITIVE_ARRAY;
    }

    @Override
    public long shallow(int id) {
        return graph.shallow[id];
    }

    @Override
    public long retained(int id) {
        return tree().retained(id);
    }

    @Override
    public long address(int id) {
        return layout.index.address(id);
    }

    boolean kept(int id) {
        return tree().dominator(id) != DominatorTree.NONE;
    }

    @Override
    public String label(int id) {
        if (isClassObject(id)) {
            return "class " + className(id);
        }
        String name = className(classOf(id));
        String specific;
        try {
            specific = specificName(id, 0);
        } catch (RuntimeException e) {
            // A damaged string or name field: the class name alone will do.
            specific = null;
        }
        if (specific == null || specific.isBlank()) {
            return name;
        }
        String value = specific.length() > 80 ? specific.substring(0, 77) + "..." : specific;
        return name + " \"" + value.replaceAll("\\p{Cntrl}", " ") + "\"";
    }

    /** What names an object to a person: a string's text, a thread's name, a boxed value, a char or byte array. */
    private String specificName(int id, int depth) {
        if (depth > 3) {
            return null;
        }
        byte kind = layout.kind(id);
        if (kind == RecordScanner.PRIMITIVE_ARRAY) {
            return arrayText(id);
        }
        if (kind != RecordScanner.INSTANCE) {
            return null;
        }
        // Bounded, though the engine refuses a dump whose super classes loop: a label must never hang.
        int levels = 0;
        for (ClassDef c = layout.classById(classOf(id));
                c != null && levels++ < MAX_SUPER_CLASSES;
                c = c.superAddress == 0 ? null : layout.classAt(c.superAddress)) {
            switch (c.name) {
                case "java.lang.String":
                    return stringValue(id);
                case "java.lang.Thread", "java.lang.ThreadGroup": {
                    int nameId = referenceFieldOf(id, "name");
                    return nameId < 0 ? null : specificName(nameId, depth + 1);
                }
                case "java.lang.Byte",
                        "java.lang.Character",
                        "java.lang.Short",
                        "java.lang.Integer",
                        "java.lang.Long",
                        "java.lang.Float",
                        "java.lang.Double",
                        "java.lang.Boolean":
                    return boxedValue(id);
                default:
                    break;
            }
        }
        return null;
    }

    /** JDK 9+ strings hold bytes and a coder (Latin-1 or UTF-16); older ones a char[] with offset and count. */
    private String stringValue(int id) {
        int value = referenceFieldOf(id, "value");
        if (value < 0 || layout.kind(value) != RecordScanner.PRIMITIVE_ARRAY) {
            return null;
        }
        HeapLayout.PrimitiveArray array = layout.primitiveArray(value);
        long length = array.length();
        long data = array.data();
        if (array.type() == Hprof.BYTE) {
            Long coder = primitiveField(id, "coder");
            if (coder != null && coder == 1) {
                int chars = (int) Math.min(length / 2, LABEL_CHARS);
                StringBuilder s = new StringBuilder(chars);
                for (int i = 0; i < chars; i++) {
                    // UTF-16 in the JVM's own byte order: little-endian on the machines that make our dumps.
                    s.append((char)
                            (layout.bytes().u1(data + 2L * i) | (layout.bytes().u1(data + 2L * i + 1) << 8)));
                }
                return s.toString();
            }
            int chars = (int) Math.min(length, LABEL_CHARS);
            StringBuilder s = new StringBuilder(chars);
            for (int i = 0; i < chars; i++) {
                s.append((char) layout.bytes().u1(data + i));
            }
            return s.toString();
        }
        if (array.type() == Hprof.CHAR) {
            Long count = primitiveField(id, "count");
            Long offset = primitiveField(id, "offset");
            long from = offset == null ? 0 : Math.max(0, offset);
            long n = Math.min(count == null ? length : count, length - from);
            return chars(data, from, Math.min(n, LABEL_CHARS));
        }
        return null;
    }

    private String arrayText(int id) {
        HeapLayout.PrimitiveArray array = layout.primitiveArray(id);
        long length = array.length();
        long data = array.data();
        int type = array.type();
        if (type == Hprof.CHAR) {
            return chars(data, 0, Math.min(length, LABEL_CHARS));
        }
        if (type == Hprof.BYTE) {
            int n = (int) Math.min(length, LABEL_CHARS);
            StringBuilder s = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                int b = layout.bytes().u1(data + i);
                s.append(b < 32 || b > 126 ? '.' : (char) b);
            }
            return s.toString();
        }
        return null;
    }

    private String chars(long data, long from, long count) {
        StringBuilder s = new StringBuilder((int) Math.max(0, count));
        for (long i = 0; i < count; i++) {
            s.append((char) layout.bytes().u2(data + 2 * (from + i)));
        }
        return s.toString();
    }

    private String boxedValue(int id) {
        ClassDef c = layout.classById(classOf(id));
        int field = c.fieldIndex("value");
        if (field < 0) {
            return null;
        }
        long at = fieldData(id) + c.layoutOffsets[field];
        return switch (c.layoutTypes[field]) {
            case Hprof.BOOLEAN -> String.valueOf(layout.bytes().u1(at) != 0);
            case Hprof.CHAR -> String.valueOf((char) layout.bytes().u2(at));
            case Hprof.FLOAT ->
                String.valueOf(Float.intBitsToFloat(layout.bytes().i4(at)));
            case Hprof.DOUBLE ->
                String.valueOf(Double.longBitsToDouble(layout.bytes().i8(at)));
            case Hprof.BYTE -> String.valueOf((byte) layout.bytes().u1(at));
            case Hprof.SHORT -> String.valueOf((short) layout.bytes().u2(at));
            case Hprof.INT -> String.valueOf(layout.bytes().i4(at));
            case Hprof.LONG -> String.valueOf(layout.bytes().i8(at));
            default -> null;
        };
    }

    @Override
    public String referenceName(int from, int to) {
        byte kind = layout.kind(from);
        if (kind == RecordScanner.OBJECT_ARRAY || kind == RecordScanner.PRIMITIVE_ARRAY) {
            return "[]";
        }
        if (kind == RecordScanner.CLASS) {
            ClassDef c = layout.classById(from);
            for (int i = 0; i < c.staticTypes.length; i++) {
                if (c.staticTypes[i] == Hprof.OBJECT
                        && c.staticValues[i] != 0
                        && layout.idOf(c.staticValues[i]) == to) {
                    return c.staticNames[i];
                }
            }
            return null;
        }
        if (kind != RecordScanner.INSTANCE) {
            return null;
        }
        ClassDef c = layout.classById(classOf(from));
        long data = fieldData(from);
        for (int i = 0; i < c.layoutTypes.length; i++) {
            if (c.layoutTypes[i] == Hprof.OBJECT) {
                long address = layout.bytes().id(data + c.layoutOffsets[i], layout.idSize);
                if (address != 0 && layout.idOf(address) == to) {
                    return c.layoutNames[i];
                }
            }
        }
        return null;
    }

    @Override
    public int[] outbound(int id) {
        return graph.outbound(id);
    }

    @Override
    public int[] gcRoots() {
        awaitOutsideRoots();
        return gcRoots.clone();
    }

    @Override
    public int rootFlags(int id) {
        awaitOutsideRoots();
        Integer kinds = rootKinds.get(id);
        if (kinds == null) {
            return 0;
        }
        boolean stackOnly = (kinds & ~STACK_KINDS) == 0;
        boolean thread = (kinds & Hprof.GC_THREAD_OBJ) != 0;
        return (stackOnly ? STACK_ONLY_ROOT : 0) | (thread ? THREAD_ROOT : 0);
    }

    @Override
    public String rootKind(int id) {
        awaitOutsideRoots();
        Integer kinds = rootKinds.get(id);
        return kinds == null ? null : Hprof.rootNames(kinds, outsideRootName);
    }

    @Override
    public int[] instancesOf(String className) {
        java.util.BitSet classIds = new java.util.BitSet();
        Map<Long, List<ClassDef>> subclasses = new HashMap<>();
        for (ClassDef c : layout.classes) {
            subclasses.computeIfAbsent(c.superAddress, k -> new ArrayList<>()).add(c);
        }
        ArrayDeque<ClassDef> queue = new ArrayDeque<>();
        for (ClassDef c : layout.classes) {
            if (c.name.equals(className)) {
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            ClassDef c = queue.poll();
            if (!classIds.get(c.id)) {
                classIds.set(c.id);
                queue.addAll(subclasses.getOrDefault(c.address, List.of()));
            }
        }
        if (classIds.isEmpty()) {
            return new int[0];
        }
        Growable.Ints found = new Growable.Ints(64);
        for (int id = 0; id < objectCount(); id++) {
            if (classIds.get(graph.classOf[id]) && layout.kind(id) != RecordScanner.CLASS && kept(id)) {
                found.add(id);
            }
        }
        return found.toArray();
    }

    @Override
    public int referenceField(int id, String field) {
        int target = referenceFieldOf(id, field);
        return target >= 0 && kept(target) ? target : -1;
    }

    /** The field's target whether or not it is kept: labels need no dominator tree, so they never wait for it. */
    private int referenceFieldOf(int id, String field) {
        if (layout.kind(id) != RecordScanner.INSTANCE) {
            return -1;
        }
        ClassDef c = layout.classById(classOf(id));
        int i = c.fieldIndex(field);
        if (i < 0 || c.layoutTypes[i] != Hprof.OBJECT) {
            return -1;
        }
        long address = layout.bytes().id(fieldData(id) + c.layoutOffsets[i], layout.idSize);
        return address == 0 ? -1 : layout.idOf(address);
    }

    @Override
    public Long primitiveField(int id, String field) {
        if (layout.kind(id) != RecordScanner.INSTANCE) {
            return null;
        }
        ClassDef c = layout.classById(classOf(id));
        int i = c.fieldIndex(field);
        if (i < 0) {
            return null;
        }
        long at = fieldData(id) + c.layoutOffsets[i];
        // As the MAT engine: booleans and chars are not numbers.
        return switch (c.layoutTypes[i]) {
            case Hprof.FLOAT -> (long) Float.intBitsToFloat(layout.bytes().i4(at));
            case Hprof.DOUBLE -> (long) Double.longBitsToDouble(layout.bytes().i8(at));
            case Hprof.BYTE -> (long) (byte) layout.bytes().u1(at);
            case Hprof.SHORT -> (long) (short) layout.bytes().u2(at);
            case Hprof.INT -> (long) layout.bytes().i4(at);
            case Hprof.LONG -> layout.bytes().i8(at);
            default -> null;
        };
    }

    private long fieldData(int id) {
        return layout.position(id) + 1 + 2L * layout.idSize + 8;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warningsOf.apply(tree()));
    }

    @Override
    public void close() {
        // The dump's file, and memory; a tree still being computed is not waited for.
        treeFuture.cancel(false);
        layout.in.close();
    }
}
