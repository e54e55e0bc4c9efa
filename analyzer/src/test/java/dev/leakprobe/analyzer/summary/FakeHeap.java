package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A heap built by hand as a dominator tree, with every reference direct, plus extra references that dominate nothing
 * ({@link #ref}): for tests of the summary. The GC roots are the objects dominated by the root.
 */
final class FakeHeap implements HeapSnapshot {

    private final List<Integer> classOf = new ArrayList<>();
    private final List<Long> shallow = new ArrayList<>();
    private final List<Integer> dominator = new ArrayList<>();
    private final List<List<Integer>> children = new ArrayList<>();
    private final List<String> field = new ArrayList<>();
    private final Map<Integer, String> classNames = new HashMap<>();
    private final List<Integer> tops = new ArrayList<>();
    private final int javaLangClass;
    private final Map<Integer, List<Integer>> extraRefs = new HashMap<>();
    private final Map<Long, String> extraNames = new HashMap<>();
    private final java.util.Set<Integer> stackRoots = new java.util.HashSet<>();
    private final java.util.Set<Integer> threads = new java.util.HashSet<>();
    private final java.util.Set<Integer> shared = new java.util.HashSet<>();
    private final Map<Integer, String> labels = new HashMap<>();

    FakeHeap() {
        javaLangClass = add(-1, -1, 0, null);
        classNames.put(javaLangClass, "java.lang.Class");
    }

    /** A class object (dominated by the root). */
    int defineClass(String name) {
        int id = add(javaLangClass, HeapSnapshot.ROOT, 16, null);
        classNames.put(id, name);
        return id;
    }

    /** An instance of {@code type}, dominated by {@code owner} through {@code via}. */
    int add(int type, int owner, long size, String via) {
        int id = classOf.size();
        classOf.add(type);
        shallow.add(size);
        dominator.add(owner);
        children.add(new ArrayList<>());
        field.add(via);
        if (owner == HeapSnapshot.ROOT) {
            tops.add(id);
        } else if (owner >= 0) {
            children.get(owner).add(id);
        }
        return id;
    }

    /**
     * An instance dominated by {@code owner} (or by the root: then it is no GC root) which {@code owner} does not
     * refer to directly: give it holders with {@link #ref}.
     */
    int addShared(int type, int owner, long size) {
        int id = add(type, owner, size, null);
        shared.add(id);
        return id;
    }

    /** Makes {@code id} (dominated by the root) a thread root: its unnamed references are its stack locals. */
    void thread(int id) {
        threads.add(id);
    }

    /** A reference from {@code from} to {@code to} named {@code via}, which does not change the dominator tree. */
    void ref(int from, int to, String via) {
        extraRefs.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        extraNames.put(((long) from << 32) | to, via);
    }

    /** Makes {@code id} (dominated by the root) a Java local rather than a system class or the like. */
    void stackRoot(int id) {
        stackRoots.add(id);
    }

    @Override
    public int[] outbound(int id) {
        List<Integer> ids = new ArrayList<>();
        ids.add(classOf(id));
        children.get(id).stream().filter(c -> !shared.contains(c)).forEach(ids::add);
        ids.addAll(extraRefs.getOrDefault(id, List.of()));
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int[] gcRoots() {
        return tops.stream()
                .filter(t -> !shared.contains(t))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @Override
    public int rootFlags(int id) {
        return (stackRoots.contains(id) ? STACK_ONLY_ROOT : 0) | (threads.contains(id) ? THREAD_ROOT : 0);
    }

    @Override
    public int objectCount() {
        return classOf.size();
    }

    @Override
    public int[] dominated(int id) {
        List<Integer> ids = id == ROOT ? tops : children.get(id);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int dominator(int id) {
        return dominator.get(id);
    }

    @Override
    public int classOf(int id) {
        return classOf.get(id) < 0 ? javaLangClass : classOf.get(id);
    }

    @Override
    public String className(int classObjectId) {
        return classNames.get(classObjectId);
    }

    @Override
    public boolean isClassObject(int id) {
        return classNames.containsKey(id);
    }

    @Override
    public int classLoaderOf(int id) {
        return -1;
    }

    @Override
    public boolean isArray(int id) {
        return className(classOf(id)).endsWith("[]");
    }

    @Override
    public long shallow(int id) {
        return shallow.get(id);
    }

    @Override
    public long retained(int id) {
        long sum = shallow.get(id);
        for (int child : children.get(id)) {
            sum += retained(child);
        }
        return sum;
    }

    @Override
    public String label(int id) {
        return labels.getOrDefault(id, className(classOf(id)));
    }

    /** A label of its own ({@code java.lang.Thread "worker-1"}). */
    void label(int id, String label) {
        labels.put(id, label);
    }

    @Override
    public String referenceName(int from, int to) {
        return dominator.get(to) == from && !shared.contains(to)
                ? field.get(to)
                : extraNames.get(((long) from << 32) | to);
    }

    @Override
    public String rootKind(int id) {
        return stackRoots.contains(id) ? "Java local" : "System class";
    }

    @Override
    public int[] instancesOf(String className) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < classOf.size(); id++) {
            if (!isClassObject(id) && className.equals(className(classOf(id)))) {
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int referenceField(int id, String name) {
        return -1;
    }

    @Override
    public Long primitiveField(int id, String name) {
        return null;
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }

    @Override
    public void close() {}

    @Override
    public long address(int id) {
        return 8L * (id + 1);
    }
}
