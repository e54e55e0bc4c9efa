package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The path nodes of one summary, addressable by signature (the chain of node keys from the top). */
final class PathTree {

    private final List<PathNode> nodes;
    private final String[] signatures;
    private final Map<String, Integer> bySignature = new HashMap<>();

    PathTree(DumpSummary summary) {
        this.nodes = summary.nodes();
        this.signatures = new String[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            // Parents precede children in a summary, so the parent's signature is known here.
            // A class object is one of a kind: its signature is its own, whatever dominates it in this dump (the main
            // thread in one dump, no single object in the next: seen on a 700 MB dump). Paths from statics thus
            // match across dumps.
            String parent = n.parent() < 0 || n.classObject() ? "" : signatures[n.parent()];
            // Under a class object, nodes are told apart by static field (as the summary built them).
            boolean byField = n.parent() >= 0 && nodes.get(n.parent()).classObject();
            signatures[i] = parent + "\u0001" + n.key() + (byField ? "#" + n.field() : "");
            bySignature.put(signatures[i], i);
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

    String signature(int i) {
        return signatures[i];
    }

    /** -1 when this dump has no such node (it then counts as zero). */
    int find(String signature) {
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
            chain.add(0, nodes.get(n));
        }
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

    /**
     * The path in words. It starts at the last class on the path whose static field holds the rest
     * ({@code Registry.ROOMS → ...}): what leads from the GC root to a class (its class loader's class list) says
     * nothing; the JSON {@code path} keeps every step.
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
        for (int s = start; s < steps.size(); s++) {
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
     * The user's field above node {@code i}: walking up from its holder, the first class that is neither the JDK's
     * nor of the library of a container below it. A library's class is told from the user's by its package: the
     * first non-JDK class above the holder is the user's when it shares the payload's library (or the payload is
     * the JDK's), else it is the container's library and the walk goes on.
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
            return new Holder(null, null, nodes.get(i).className(), threadName, threadClass);
        }
        String containerLibrary = null;
        for (int h = holder; nodes.get(h).parent() >= 0; h = nodes.get(h).parent()) {
            PathNode owner = nodes.get(nodes.get(h).parent());
            String ownerClass = owner.className();
            if (Containers.isJdk(ownerClass) || ownerClass.endsWith("[]")) {
                continue;
            }
            String library = Containers.library(ownerClass);
            boolean user = containerLibrary == null
                    ? Containers.isJdk(payloadClass)
                            || library.equals(Containers.library(payloadClass))
                            || owner.classObject()
                    : !library.equals(containerLibrary);
            String field = nodes.get(h).field();
            if (user && field != null && !field.equals("[]")) {
                return new Holder(ownerClass, field, nodes.get(h).className(), threadName, threadClass);
            }
            if (containerLibrary == null) {
                containerLibrary = library;
            }
        }
        return new Holder(null, null, nodes.get(holder).className(), threadName, threadClass);
    }
}
