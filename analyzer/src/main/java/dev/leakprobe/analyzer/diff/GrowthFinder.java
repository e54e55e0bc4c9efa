package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A slow leak's count grows by at least this many objects in every interval to stand whatever its size. */
    static final long STEADY_OBJECTS = 1000;
    /** A steady rate: no interval grew by more than this many times another. */
    static final long STEADY_SPREAD = 4;
    /** Classes listed under a suspect. */
    static final int MAX_ACCUMULATED = 8;

    GrowthFinder(List<DumpSummary> summaries, SuspectRules rules) {
        this.summaries = summaries;
        PathTree.Signatures signatures = new PathTree.Signatures();
        this.trees = summaries.stream().map(s -> new PathTree(s, signatures)).toList();
        this.rules = rules;
        this.n = summaries.size();
    }

    List<Suspect> find() {
        PathTree last = trees.get(n - 1);
        DumpSummary lastSummary = summaries.get(n - 1);
        long shareFloor = Math.max(rules.minGrowthBytes(), (long)
                (rules.minGrowthShare() * (lastSummary.heapBytes() + lastSummary.offHeapBytes())));
        java.util.Set<Integer> candidates = new java.util.LinkedHashSet<>();
        Map<Integer, Long> growthOf = new HashMap<>();
        for (int i = 0; i < last.size(); i++) {
            long[] count = series(last.signature(i), PathNode::count);
            if (!accumulates(count)) {
                continue;
            }
            PathNode node = last.node(i);
            if (node.parent() >= 0 && !stable(last.signature(node.parent()), count[n - 1] - count[0])) {
                continue;
            }
            long growth = subtreeGrowth(last, i);
            if (!worthReporting(count, growth, shareFloor)) {
                continue;
            }
            candidates.add(i);
            growthOf.put(i, growth);
        }
        // One suspect per place a user would look: candidates under the same user's field are one leak.
        Map<String, List<Integer>> byHolder = new LinkedHashMap<>();
        Map<Integer, Integer> payloadOf = new HashMap<>();
        for (int i : withGrowingSiblings(last, naming(last, candidates, growthOf), growthOf)) {
            int payload = loadersBeneath(last, i, descend(last, i, last.containerLibraries(i)), growthOf.get(i));
            payloadOf.put(i, payload);
            byHolder.computeIfAbsent(holderKey(last, i, payload), k -> new ArrayList<>())
                    .add(i);
        }
        List<Suspect> suspects = new ArrayList<>();
        for (List<Integer> group : byHolder.values()) {
            suspects.add(suspect(last, group, growthOf, payloadOf));
        }
        suspects.sort(Comparator.comparingDouble(Suspect::score).reversed());
        return suspects;
    }

    /**
     * Worth a suspect: growth of at least {@link SuspectRules#minGrowthBytes()} and
     * {@link SuspectRules#minGrowthShare()} of the heap. A share keeps single jumps and noise out, but production
     * heaps are big and leaks slow: over three dumps or more, a count that grew in every interval at a steady rate is
     * a suspect whatever its share, once it reaches the absolute floor or {@link #STEADY_OBJECTS} objects an interval.
     */
    private boolean worthReporting(long[] count, long growth, long shareFloor) {
        if (growth >= shareFloor) {
            return true;
        }
        if (n < 3 || !steadyRate(count)) {
            return false;
        }
        return growth >= rules.minGrowthBytes() || minIntervalGrowth(count) >= STEADY_OBJECTS;
    }

    /** Grew in every interval, and no interval grew by more than {@link #STEADY_SPREAD} times another. */
    private boolean steadyRate(long[] count) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int d = 0; d + 1 < n; d++) {
            long step = count[d + 1] - count[d];
            min = Math.min(min, step);
            max = Math.max(max, step);
        }
        return min > 0 && max <= STEADY_SPREAD * min;
    }

    private long minIntervalGrowth(long[] count) {
        long min = Long.MAX_VALUE;
        for (int d = 0; d + 1 < n; d++) {
            min = Math.min(min, count[d + 1] - count[d]);
        }
        return min;
    }

    /**
     * The memory an accumulation adds: the most that any growing node beneath it (itself included) grew by. The
     * entries of a cache need not dominate what they hold (a cache's access-order list shares its entries), so their
     * own retained growth can be a sliver of the leak; the values under them carry it.
     */
    private long subtreeGrowth(PathTree tree, int i) {
        long most = 0;
        for (int d : tree.subtree(i)) {
            int signature = tree.signature(d);
            long[] count = series(signature, PathNode::count);
            if (count[n - 1] > count[0]) {
                most = Math.max(most, growth(signature));
            }
        }
        return most;
    }

    /** Heap plus off-heap retained, last dump minus first. */
    private long growth(int signature) {
        long[] retained = series(signature, PathNode::retained);
        long[] offHeap = series(signature, PathNode::offHeap);
        return retained[n - 1] + offHeap[n - 1] - retained[0] - offHeap[0];
    }

    private static String holderKey(PathTree tree, int i, int payload) {
        Holder holder = tree.holder(i, tree.node(payload).className());
        int holderNode = tree.holderNode(i);
        return holder.ownerClassName() != null
                ? holder.ownerClassName() + "." + holder.field()
                : "#" + (holderNode < 0 ? tree.signature(i) : tree.signature(holderNode));
    }

    private Suspect suspect(
            PathTree last, List<Integer> group, Map<Integer, Long> growthOf, Map<Integer, Integer> payloadOf) {
        // The payload: what the user stored, looked for beneath every entry of the group. Objects of the user's
        // classes are named before the JDK's strings and arrays beside them (a stream's handle table holds each
        // event written and, beside it, the event's byte[]); of those, the one that grew most.
        int payload = -1;
        int entry = -1;
        long growth = 0;
        long[] retained = new long[n];
        long[] offHeap = new long[n];
        for (int i : group) {
            int p = payloadOf.get(i);
            if (payload < 0 || namedBefore(last, p, payload)) {
                payload = p;
                entry = i;
            }
            growth += growthOf.get(i);
        }
        String className = last.node(payload).className();
        Holder holder = last.holder(payload, className);
        for (int i : group) {
            // The group's figure is the union of what its objects retain: disjoint nodes (no entry of a group lies
            // beneath another), so their sum counts nothing twice. The user's objects retain what the user put there
            // (a map's values, not its keys); objects a library made of what the user gave it go with the library's
            // structures, which the user's fix frees: their entries, to begin with.
            int figure = holder.library() == null ? payloadOf.get(i) : i;
            add(retained, series(last.signature(figure), PathNode::retained));
            add(offHeap, series(last.signature(figure), PathNode::offHeap));
        }
        if (holder.library() != null) {
            // A library keeps what it made in several structures at once (a registry's meters are in a map of meters
            // and in its collectors), so no entry holds them alone; the library object in the user's field, or
            // one on the way to it, does: the one on the path whose retained size grew most, if more than the entries.
            int most = mostGrownOnTheWayUp(last, entry, holder);
            if (most >= 0
                    && growth(last.signature(most)) > retained[n - 1] + offHeap[n - 1] - retained[0] - offHeap[0]) {
                retained = series(last.signature(most), PathNode::retained);
                offHeap = series(last.signature(most), PathNode::offHeap);
            }
        }
        int payloadSignature = last.signature(payload);
        long[] count = series(payloadSignature, PathNode::count);
        Steadiness steadiness = steadiness(count);
        PathNode payloadNode = last.node(payload);
        List<PathStep> path = last.steps(payload);
        Suspect.Subject subject = new Suspect.Subject(className, count[n - 1], 0, 0);
        Suspect found = Suspect.found(
                Finding.GROWTH,
                className,
                last.accumulationPoint(entry),
                path,
                PathTree.pathText(path, count[n - 1]),
                count,
                retained,
                offHeap,
                steadiness,
                subject,
                growth * steadiness.ratio());
        long[] defined = payloadNode.classLoader() ? series(payloadSignature, PathNode::definedClasses) : null;
        Suspect detailed = found.withDetails(holder, accumulated(last, group), eachRetains(last, payload), defined);
        String lambda = lambdaAbove(last, payload, entry);
        return lambda == null ? detailed : detailed.capturedBy(Containers.lambdaHost(lambda));
    }

    /**
     * The naming candidates and, beside each, the other growing nodes under the same holder, however small: one place
     * holds them all, and a small one may be what the user stored (a stream's handle table holds each event written
     * and, beside it, the event's own byte[], which retains more). Nodes above a naming candidate are left out.
     */
    private java.util.Set<Integer> withGrowingSiblings(
            PathTree tree, java.util.Set<Integer> naming, Map<Integer, Long> growthOf) {
        java.util.Set<Integer> aboveNaming = new java.util.HashSet<>();
        for (int c : naming) {
            for (int p = tree.node(c).parent();
                    p >= 0 && aboveNaming.add(p);
                    p = tree.node(p).parent()) {
                // each ancestor marked once
            }
        }
        java.util.Set<Integer> entries = new java.util.LinkedHashSet<>(naming);
        for (int c : naming) {
            int parent = tree.node(c).parent();
            if (parent < 0) {
                continue;
            }
            for (int sibling : tree.children(parent)) {
                long[] count = series(tree.signature(sibling), PathNode::count);
                if (entries.contains(sibling)
                        || aboveNaming.contains(sibling)
                        || tree.node(sibling).classObject()
                        || count[n - 1] <= count[0]) {
                    continue;
                }
                entries.add(sibling);
                growthOf.put(sibling, subtreeGrowth(tree, sibling));
            }
        }
        return entries;
    }

    /**
     * From above {@code entry} up to the object in the user's field (included), the node whose retained size grew
     * most; -1 when there is no user's field.
     */
    private int mostGrownOnTheWayUp(PathTree tree, int entry, Holder holder) {
        if (holder.ownerClassName() == null) {
            return -1;
        }
        int most = -1;
        for (int p = tree.node(entry).parent();
                p >= 0 && tree.node(p).parent() >= 0;
                p = tree.node(p).parent()) {
            if (most < 0 || growth(tree.signature(p)) > growth(tree.signature(most))) {
                most = p;
            }
            PathNode owner = tree.node(tree.node(p).parent());
            if (owner.className().equals(holder.ownerClassName())
                    && holder.field().equals(tree.node(p).field())) {
                return most;
            }
        }
        return -1;
    }

    /** Payload {@code p} names a group before {@code q}: a class of the user's before the JDK's, then more growth. */
    private boolean namedBefore(PathTree tree, int p, int q) {
        boolean userP = Containers.isApplicationClass(tree.node(p).className());
        boolean userQ = Containers.isApplicationClass(tree.node(q).className());
        if (userP != userQ) {
            return userP;
        }
        return growth(tree.signature(p)) > growth(tree.signature(q));
    }

    /**
     * The lambda nearest above {@code payload} on its way up to {@code entry} (included), whose capture it is; else
     * null. A lambda above the entry (a thread's task) holds the container, not the objects.
     */
    private static String lambdaAbove(PathTree tree, int payload, int entry) {
        for (int p = payload; p != entry && p >= 0; ) {
            p = tree.node(p).parent();
            if (p >= 0 && Containers.isLambda(tree.node(p).className())) {
                return tree.node(p).className();
            }
        }
        return null;
    }

    private static void add(long[] sum, long[] values) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += values[d];
        }
    }

    /**
     * From an entry of a container down through the container's plumbing ({@link Containers#isInternal}) to the
     * objects the user put there: at each step, the growing child that grew most in retained size, if it carries at
     * least half of the growth. The key of a map entry is passed over when its value holds the memory.
     */
    private int descend(PathTree tree, int entry, java.util.Set<String> containerLibraries) {
        int current = entry;
        for (int depth = 0;
                depth < 10 && Containers.isInternal(tree.node(current).className(), containerLibraries);
                depth++) {
            int best = -1;
            long bestGrowth = Long.MIN_VALUE;
            for (int child : tree.children(current)) {
                long[] count = series(tree.signature(child), PathNode::count);
                long childGrowth = growth(tree.signature(child));
                if (count[n - 1] > count[0] && childGrowth > bestGrowth) {
                    best = child;
                    bestGrowth = childGrowth;
                }
            }
            // Down only into what carries at least half of the growth: a registry's meter, whose memory is spread
            // over its parts, is what accumulates, not the largest of its parts.
            if (best < 0 || bestGrowth * 2 < growth(tree.signature(current))) {
                break;
            }
            current = best;
        }
        return current;
    }

    /**
     * A class loader and its classes live and die together: when loaders grow beneath an accumulation point and keep
     * at least half of its growth, they are what leaks (each thread of a pool that outlived its plugin keeps the
     * plugin's loader, with its classes and their statics), and the suspect names them.
     */
    private int loadersBeneath(PathTree tree, int entry, int payload, long entryGrowth) {
        if (tree.node(payload).classLoader()) {
            return payload;
        }
        int best = -1;
        long bestGrowth = 0;
        for (int d : tree.subtree(entry)) {
            if (!tree.node(d).classLoader()) {
                continue;
            }
            long[] count = series(tree.signature(d), PathNode::count);
            long loaderGrowth = growth(tree.signature(d));
            if (count[n - 1] > count[0] && loaderGrowth > bestGrowth) {
                best = d;
                bestGrowth = loaderGrowth;
            }
        }
        return best >= 0 && 2 * bestGrowth >= entryGrowth ? best : payload;
    }

    /**
     * Every growing node beneath the group's entries, summed by class, most retained growth first. A node's retained
     * size holds every node of its objects' subtrees, so a class nested in itself (the levels of a tree, a linked
     * chain folded into a few path nodes) counts its outermost nodes only: counted once per level, a B-tree's pages
     * "grew" by twice the heap.
     */
    private List<Accumulated> accumulated(PathTree tree, List<Integer> group) {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        for (int entry : group) {
            for (int d : tree.subtree(entry)) {
                int signature = tree.signature(d);
                long[] count = series(signature, PathNode::count);
                if (count[n - 1] <= count[0] || tree.node(d).classObject()) {
                    continue;
                }
                long[] sums = byClass.computeIfAbsent(tree.node(d).className(), k -> new long[2]);
                sums[0] += count[n - 1] - count[0];
                if (!nestedInItsOwnClass(tree, d, entry)) {
                    sums[1] += growth(signature);
                }
            }
        }
        return byClass.entrySet().stream()
                .map(e -> new Accumulated(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(Accumulated::retainedDelta)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Accumulated::countDelta)
                                .reversed()))
                .limit(MAX_ACCUMULATED)
                .toList();
    }

    /** A node of the same class above {@code d}, up to {@code entry}: its retained size already holds {@code d}'s. */
    private static boolean nestedInItsOwnClass(PathTree tree, int d, int entry) {
        String className = tree.node(d).className();
        for (int p = d; p != entry && p >= 0; ) {
            p = tree.node(p).parent();
            if (p >= 0 && tree.node(p).className().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one payload object retains in the last dump, and the chain of classes beneath it that holds most of it:
     * at each step the child node that retains most, as long as it holds at least half of the whole.
     */
    private static EachRetains eachRetains(PathTree tree, int payload) {
        PathNode node = tree.node(payload);
        long total = node.retained() + node.offHeap();
        if (node.count() == 0 || total <= 0) {
            return null;
        }
        List<String> mostly = new ArrayList<>();
        long held = total;
        int current = payload;
        for (int depth = 0; depth < 4; depth++) {
            int best = -1;
            long bestSize = 0;
            for (int child : tree.children(current)) {
                PathNode c = tree.node(child);
                if (!c.classObject() && c.retained() + c.offHeap() > bestSize) {
                    best = child;
                    bestSize = c.retained() + c.offHeap();
                }
            }
            if (best < 0 || bestSize * 2 < total) {
                break;
            }
            mostly.add(tree.node(best).className());
            held = Math.min(bestSize, total);
            current = best;
        }
        return new EachRetains(total / node.count(), mostly, mostly.isEmpty() ? 1.0 : (double) held / total);
    }

    /**
     * The candidates that name a leak. A candidate above another (an array that appeared, holding thousands of new
     * objects) leaves the name to the deeper one when the deeper one carries at least half of its growth; else the
     * upper one tells the whole story and the candidates beneath it are part of it. So is a candidate beneath one of
     * its own class: a map inside an entry of the same kind of map (a registry's map of meters, of which one entry
     * holds a collector with a map of its own that grows too).
     */
    private static java.util.Set<Integer> naming(
            PathTree tree, java.util.Set<Integer> candidates, Map<Integer, Long> growthOf) {
        Map<Integer, Long> mostBelow = new HashMap<>();
        Map<Integer, List<Integer>> candidatesAbove = new HashMap<>();
        for (int c : candidates) {
            List<Integer> above = new ArrayList<>();
            for (int p = tree.node(c).parent(); p >= 0; p = tree.node(p).parent()) {
                if (candidates.contains(p)) {
                    above.add(p);
                    if (!tree.node(p).className().equals(tree.node(c).className())) {
                        mostBelow.merge(p, growthOf.get(c), Math::max);
                    }
                }
            }
            candidatesAbove.put(c, above);
        }
        java.util.function.IntPredicate tellsItsOwnStory = c -> mostBelow.getOrDefault(c, 0L) * 2 < growthOf.get(c);
        java.util.Set<Integer> naming = new java.util.LinkedHashSet<>();
        for (int c : candidates) {
            if (tellsItsOwnStory.test(c) && candidatesAbove.get(c).stream().noneMatch(a -> tellsItsOwnStory.test(a))) {
                naming.add(c);
            }
        }
        return naming;
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
    private boolean stable(int parentSignature, long childGrowth) {
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

    long[] series(int signature, java.util.function.ToLongFunction<PathNode> value) {
        long[] values = new long[n];
        for (int d = 0; d < n; d++) {
            int idx = trees.get(d).find(signature);
            values[d] = idx < 0 ? 0 : value.applyAsLong(trees.get(d).node(idx));
        }
        return values;
    }
}
