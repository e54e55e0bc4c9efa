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
            steps.add(new PathStep(n.className(), n.field(), n.parent() < 0 ? rootKind(n) : null, n.classObject()));
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
            if (steps.get(s).classObject()) {
                start = s;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int s = start; s < steps.size(); s++) {
            PathStep step = steps.get(s);
            text.append(Sizes.simpleName(step.className()));
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
        int holder = nodes.get(i).parent();
        if (holder < 0) {
            return new AccumulationPoint("GC roots", null, null);
        }
        if (nodes.get(holder).className().endsWith("[]") && nodes.get(holder).parent() >= 0
                && !nodes.get(holder).classObject()) {
            holder = nodes.get(holder).parent();
        }
        PathNode h = nodes.get(holder);
        String owner = h.parent() < 0 ? null : nodes.get(h.parent()).className();
        String field = h.field() == null || h.field().equals("[]") ? null : h.field();
        return new AccumulationPoint(h.className(), field, owner);
    }
}
