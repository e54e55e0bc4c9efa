package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds accumulation points across dumps: path nodes whose object count grows under a parent whose count stays put.
 *
 * <p>The rules, so that busy but bounded programs get no suspect:
 * <ul>
 *   <li>the count is higher in the last dump than in the first, grew in at least half of the intervals, and never
 *       shrank by more than {@link SuspectRules#MAX_SHRINK} in one interval;
 *   <li>the parent node (the holder) is stable: it grew by at most one object or a tenth of its count, and by at
 *       most a tenth of the node's growth; growth under a growing parent is the parent's story, told once;
 *   <li>the retained growth (heap + off-heap) reaches {@link SuspectRules#minGrowthBytes()} and
 *       {@link SuspectRules#minGrowthShare()} of the last dump's memory.
 * </ul>
 * Suspects are ranked by retained growth times steadiness (growing intervals / intervals), so that with three dumps or
 * more steady growth beats a single jump.
 */
final class GrowthFinder {

    private final List<DumpSummary> summaries;
    private final List<PathTree> trees;
    private final SuspectRules rules;
    private final int n;

    GrowthFinder(List<DumpSummary> summaries, SuspectRules rules) {
        this.summaries = summaries;
        this.trees = summaries.stream().map(PathTree::new).toList();
        this.rules = rules;
        this.n = summaries.size();
    }

    List<Suspect> find() {
        PathTree last = trees.get(n - 1);
        DumpSummary lastSummary = summaries.get(n - 1);
        long floor = Math.max(rules.minGrowthBytes(),
                (long) (rules.minGrowthShare() * (lastSummary.heapBytes() + lastSummary.offHeapBytes())));
        List<Suspect> suspects = new ArrayList<>();
        java.util.Set<Integer> candidates = new java.util.LinkedHashSet<>();
        java.util.Map<Integer, long[][]> series = new java.util.HashMap<>();
        for (int i = 0; i < last.size(); i++) {
            String signature = last.signature(i);
            long[] count = series(signature, PathNode::count);
            if (!accumulates(count)) {
                continue;
            }
            PathNode node = last.node(i);
            if (node.parent() >= 0 && !stable(last.signature(node.parent()), count[n - 1] - count[0])) {
                continue;
            }
            long[] retained = series(signature, PathNode::retained);
            long[] offHeap = series(signature, PathNode::offHeap);
            long delta = retained[n - 1] + offHeap[n - 1] - retained[0] - offHeap[0];
            if (delta < floor) {
                continue;
            }
            candidates.add(i);
            series.put(i, new long[][] {count, retained, offHeap});
        }
        for (int i : candidates) {
            if (!hasCandidateBelow(last, i, candidates)) {
                long[][] s = series.get(i);
                long delta = s[1][n - 1] + s[2][n - 1] - s[1][0] - s[2][0];
                suspects.add(suspect(last, i, s[0], s[1], s[2], delta));
            }
        }
        suspects.sort(Comparator.comparingDouble(Suspect::score).reversed());
        return suspects;
    }

    private Suspect suspect(PathTree last, int i, long[] count, long[] retained, long[] offHeap, long delta) {
        Steadiness steadiness = steadiness(count);
        AccumulationPoint point = last.accumulationPoint(i);
        int payload = Payload.descend(last, i, count[n - 1] - count[0], sig -> series(sig, PathNode::count));
        long[] payloadCount = series(last.signature(payload), PathNode::count);
        List<PathStep> path = last.steps(payload);
        String pathText = PathTree.pathText(path, payloadCount[n - 1]);
        String className = last.node(payload).className();
        double score = delta * steadiness.ratio();
        Suspect.Subject subject = new Suspect.Subject(className, payloadCount[n - 1], 0, 0);
        return Suspect.found(Finding.GROWTH, className, point, path, pathText, payloadCount, retained, offHeap,
                steadiness, subject, score);
    }

    /**
     * A growing node above another growing node (an array that appeared, holding thousands of new objects): the
     * deeper one names what accumulates.
     */
    private static boolean hasCandidateBelow(PathTree tree, int i, java.util.Set<Integer> candidates) {
        for (int c : candidates) {
            for (int p = tree.node(c).parent(); p >= 0; p = tree.node(p).parent()) {
                if (p == i) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean accumulates(long[] count) {
        if (count[n - 1] <= count[0]) {
            return false;
        }
        int growing = 0;
        for (int d = 0; d + 1 < n; d++) {
            if (count[d + 1] > count[d]) {
                growing++;
            }
            if (count[d + 1] < count[d] * (1 - SuspectRules.MAX_SHRINK)) {
                return false;
            }
        }
        return growing * 2 >= n - 1;
    }

    /** The holder grew by at most one object or a tenth of its count, and by a tenth of the node's growth. */
    private boolean stable(String parentSignature, long childGrowth) {
        long[] parent = series(parentSignature, PathNode::count);
        long growth = parent[n - 1] - parent[0];
        return growth <= Math.max(1, parent[0] / 10) && growth * 10 <= childGrowth;
    }

    private Steadiness steadiness(long[] count) {
        int growing = 0;
        for (int d = 0; d + 1 < n; d++) {
            if (count[d + 1] > count[d]) {
                growing++;
            }
        }
        return new Steadiness(growing, n - 1);
    }

    long[] series(String signature, java.util.function.ToLongFunction<PathNode> value) {
        long[] values = new long[n];
        for (int d = 0; d < n; d++) {
            int idx = trees.get(d).find(signature);
            values[d] = idx < 0 ? 0 : value.applyAsLong(trees.get(d).node(idx));
        }
        return values;
    }
}
