package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The path nodes of one summary, addressable by signature: a number that stands for the chain of node keys from the
 * top, the same number in every dump of one diff ({@link Signatures}). A signature is its parent's signature and the
 * node's own key, so a path 5,000 steps deep costs 5,000 small keys, not 5,000 copies of the path above each node.
 */
final class PathTree {

    private final List<PathNode> nodes;
    private final int[] signatures;
    private final Map<Integer, Integer> bySignature = new HashMap<>();

    /** A tree of its own, for one summary ({@code analyze}). */
    PathTree(DumpSummary summary) {
        this(summary, new Signatures());
    }

    /** A tree whose signatures match those of the other trees made with the same {@code shared} (one diff). */
    PathTree(DumpSummary summary, Signatures shared) {
        this.nodes = summary.nodes();
        this.signatures = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            // Parents precede children in a summary, so the parent's signature is known here.
            // A class object is one of a kind: its signature is its own, whatever dominates it in this dump (the main
            // thread in one dump, no single object in the next: seen on a 700 MB dump). Paths from statics thus
            // match across dumps.
            int parent = n.parent() < 0 || n.classObject() ? Signatures.TOP : signatures[n.parent()];
            // Under a class object, nodes are told apart by static field (as the summary built them).
            boolean byField = n.parent() >= 0 && nodes.get(n.parent()).classObject();
            signatures[i] = shared.of(parent, byField ? n.key() + "#" + n.field() : n.key());
            bySignature.put(signatures[i], i);
        }
    }

    /** Numbers for chains of node keys, shared by the trees of one diff so that equal chains get equal numbers. */
    static final class Signatures {
        static final int TOP = -1;

        private record Step(int parent, String key) {}

        private final Map<Step, Integer> numbers = new HashMap<>();

        int of(int parent, String key) {
            return numbers.computeIfAbsent(new Step(parent, key), k -> numbers.size());
        }
    }

    /** The children of each node, made on first use. */
    private int[][] children;

    int size() {
        return nodes.size();
    }

    PathNode node(int i) {
        return nodes.get(i);
    }

    int signature(int i) {
        return signatures[i];
    }

    /** -1 when this dump has no such node (it then counts as zero). */
    int find(int signature) {
        return bySignature.getOrDefault(signature, -1);
    }

    int[] children(int i) {
        if (children == null) {
            int[] counts = new int[nodes.size()];
            for (PathNode n : nodes) {
                if (n.parent() >= 0) {
                    counts[n.parent()]++;
                }
            }
            children = new int[nodes.size()][];
            for (int c = 0; c < counts.length; c++) {
                children[c] = new int[counts[c]];
                counts[c] = 0;
            }
            for (int c = 0; c < nodes.size(); c++) {
                int parent = nodes.get(c).parent();
                if (parent >= 0) {
                    children[parent][counts[parent]++] = c;
                }
            }
        }
        return children[i];
    }

    /** Node {@code i} and every node beneath it, parents first. */
    List<Integer> subtree(int i) {
        List<Integer> result = new ArrayList<>();
        result.add(i);
        for (int k = 0; k < result.size(); k++) {
            for (int c : children(result.get(k))) {
                result.add(c);
            }
        }
        return result;
    }

    /** The nodes from the top down to {@code i}. */
    List<PathNode> chain(int i) {
        List<PathNode> chain = new ArrayList<>();
        for (int n = i; n >= 0; n = nodes.get(n).parent()) {
            chain.add(nodes.get(n));
        }
        java.util.Collections.reverse(chain);
        return chain;
    }

    /** The display path of node {@code i} and the text form ending in {@code Session ×5000}. */
    List<PathStep> steps(int i) {
        List<PathStep> steps = new ArrayList<>();
        for (PathNode n : chain(i)) {
            steps.add(new PathStep(
                    n.className(),
                    n.field(),
                    n.parent() < 0 ? rootKind(n) : null,
                    n.classObject(),
                    n.parent() < 0 ? nodes.get(i).rootThread() : null));
        }
        return steps;
    }

    private static String rootKind(PathNode top) {
        return top.rootKind() != null ? top.rootKind() : "held by several GC roots";
    }

    /** A path text shows at most this many steps ... */
    static final int TEXT_STEPS = 40;
    /** ... of which this many from its start, the rest from its end. */
    static final int TEXT_HEAD = 12;

    /**
     * The path in words. It starts at the last class on the path whose static field holds the rest
     * ({@code Registry.ROOMS → ...}): what leads from the GC root to a class (its class loader's class list) says
     * nothing; the JSON {@code path} keeps every step. Of a path longer than {@link #TEXT_STEPS} steps, the middle is
     * told by its length.
     */
    static String pathText(List<PathStep> steps, long lastCount) {
        int start = 0;
        for (int s = 0; s < steps.size() - 1; s++) {
            // A class that holds the rest through a static field; not one that leads on to its class loader.
            if (steps.get(s).classObject() && steps.get(s + 1).field() != null) {
                start = s;
            }
        }
        StringBuilder text = new StringBuilder();
        // A path thousands of steps deep (a deep trie) is told by its ends: the middle repeats itself.
        int skipFrom = steps.size() - start > TEXT_STEPS ? start + TEXT_HEAD : Integer.MAX_VALUE;
        int skipTo = steps.size() - (TEXT_STEPS - TEXT_HEAD);
        for (int s = start; s < steps.size(); s++) {
            if (s == skipFrom) {
                text.append(String.format(java.util.Locale.ROOT, "[%,d more steps] → ", skipTo - skipFrom));
                s = skipTo;
            }
            PathStep step = steps.get(s);
            text.append(Sizes.simpleName(step.className()));
            if (step.threadName() != null) {
                // Two pools or timers are told apart by their threads' names.
                text.append(" \"").append(step.threadName()).append('"');
            }
            if (s == steps.size() - 1) {
                text.append(" ×").append(lastCount);
                break;
            }
            String next = steps.get(s + 1).field();
            if (next != null && !next.equals("[]")) {
                text.append('.').append(next);
            }
            text.append(next == null ? " → … → " : " → ");
        }
        return text.toString();
    }

    /**
     * The holder of the objects of node {@code i}: its parent node, or, when the parent is an array, the array's
     * owner (the ArrayList, not its Object[]).
     */
    AccumulationPoint accumulationPoint(int i) {
        int holder = holderNode(i);
        if (holder < 0) {
            return new AccumulationPoint("GC roots", null, null);
        }
        PathNode h = nodes.get(holder);
        String owner = h.parent() < 0 ? null : nodes.get(h.parent()).className();
        String field = h.field() == null || h.field().equals("[]") ? null : h.field();
        return new AccumulationPoint(h.className(), field, owner);
    }

    /**
     * The libraries of the containers above node {@code i}: those of the non-JDK classes on its path, but for the
     * topmost one's, which is where the user's code holds it all ({@code Registry.ROOMS}, {@code SessionRegistry}).
     */
    java.util.Set<String> containerLibraries(int i) {
        java.util.Set<String> libraries = new java.util.LinkedHashSet<>();
        String user = null;
        List<PathNode> chain = chain(i);
        for (PathNode n : chain.subList(0, chain.size() - 1)) {
            if (Containers.isJdk(n.className()) || n.className().endsWith("[]")) {
                continue;
            }
            String library = Containers.library(n.className());
            if (user == null) {
                user = library;
            } else if (!library.equals(user)) {
                libraries.add(library);
            }
        }
        return libraries;
    }

    /** The node of the holder of node {@code i}'s objects (the ArrayList, not its Object[]); -1 at the top. */
    int holderNode(int i) {
        int holder = nodes.get(i).parent();
        if (holder >= 0
                && nodes.get(holder).className().endsWith("[]")
                && nodes.get(holder).parent() >= 0
                && !nodes.get(holder).classObject()) {
            holder = nodes.get(holder).parent();
        }
        return holder;
    }

    /**
     * The user's field above node {@code i}: walking up from its holder, the first field owned by a class of the
     * user's code. The user's code is told by vendor ({@link Containers#vendor}): that of the objects that accumulate
     * when they are neither the JDK's nor of a vendor whose container holds them (the user's sessions in a cache);
     * else, when a library made them (a database's rows, a registry's meters), that of the class where the path
     * enters the libraries from the user's code: the topmost non-JDK class on it. When what grows is not the user's
     * and the collection that holds it is a library's, {@link Holder#library} names that library.
     */
    Holder holder(int i, String payloadClass) {
        return holderOf(i, payloadClass)
                .withThreads(nodes.get(i).rootThreadCount(), nodes.get(i).lastRootThread());
    }

    private Holder holderOf(int i, String payloadClass) {
        int holder = holderNode(i);
        PathNode top = chain(i).get(0);
        String threadName = nodes.get(i).rootThread();
        String threadClass = threadName == null ? null : top.className();
        if (holder < 0) {
            return new Holder(null, null, nodes.get(i).className(), threadName, threadClass, null);
        }
        java.util.Set<String> containerVendors = new java.util.HashSet<>();
        containerLibraries(i).forEach(l -> containerVendors.add(Containers.vendor(l + ".X")));
        boolean usersOwn = Containers.isApplicationClass(payloadClass)
                && !containerVendors.contains(Containers.vendor(payloadClass));
        String user = usersOwn ? Containers.vendor(payloadClass) : topVendor(i);
        String library = usersOwn ? null : libraryAbove(holder, user);
        for (int h = holder; nodes.get(h).parent() >= 0; h = nodes.get(h).parent()) {
            String ownerClass = nodes.get(nodes.get(h).parent()).className();
            String field = nodes.get(h).field();
            if (Containers.isApplicationClass(ownerClass)
                    && Containers.vendor(ownerClass).equals(user)
                    && field != null
                    && !field.equals("[]")) {
                return new Holder(ownerClass, field, nodes.get(h).className(), threadName, threadClass, library);
            }
        }
        return new Holder(null, null, nodes.get(holder).className(), threadName, threadClass, library);
    }

    /** The vendor of the topmost class on the path of node {@code i} that is not the JDK's; null when none. */
    private String topVendor(int i) {
        for (PathNode n : chain(i)) {
            if (Containers.isApplicationClass(n.className())) {
                return Containers.vendor(n.className());
            }
        }
        return null;
    }

    /**
     * The library that owns the collection at {@code holder}: the package of the first class above it that is not
     * the JDK's (the JDK's maps and arrays in between passed over); null when that class is the user's.
     */
    private String libraryAbove(int holder, String user) {
        for (int h = holder; nodes.get(h).parent() >= 0; h = nodes.get(h).parent()) {
            String ownerClass = nodes.get(nodes.get(h).parent()).className();
            if (Containers.isApplicationClass(ownerClass)) {
                return Containers.vendor(ownerClass).equals(user) ? null : Containers.library(ownerClass);
            }
        }
        return null;
    }
}
