package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Suspects of a single dump: something retaining at least {@link SuspectRules#minHeapShare()} of heap plus off-heap,
 * and at least {@link SuspectRules#minGrowthBytes()} (small heaps always have some tenth worth nothing).
 * Either many objects of one class under few holders (at least 10 objects, and 10 per holder), reported at the
 * highest such node of a path; or, where a big share has no such crowd, the deepest single node holding it (one
 * huge array, say). Last, the instances of one class retaining such a share together over many paths.
 */
final class ShareFinder {

    private static final int CROWD = 10;

    private final DumpSummary summary;
    private final PathTree tree;
    private final SuspectRules rules;

    ShareFinder(DumpSummary summary, SuspectRules rules) {
        this.summary = summary;
        this.tree = new PathTree(summary);
        this.rules = rules;
    }

    List<Suspect> find() {
        long total = summary.heapBytes() + summary.offHeapBytes();
        long threshold = Math.max(rules.minGrowthBytes(), (long) (rules.minHeapShare() * total));
        boolean[] reported = new boolean[tree.size()];
        boolean[] coveredBelow = new boolean[tree.size()];
        List<Suspect> suspects = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            PathNode n = tree.node(i);
            if (size(n) < threshold || ancestorReported(i, reported)) {
                continue;
            }
            long holders = n.parent() < 0 ? 1 : tree.node(n.parent()).count();
            if (n.count() >= CROWD && n.count() >= CROWD * holders) {
                reported[i] = true;
                markAncestors(i, coveredBelow);
                suspects.add(suspect(i, total, true));
            }
        }
        for (int i = 0; i < tree.size(); i++) {
            if (size(tree.node(i)) < threshold
                    || reported[i]
                    || coveredBelow[i]
                    || ancestorReported(i, reported)
                    || hasBigChild(i, threshold)) {
                continue;
            }
            reported[i] = true;
            suspects.add(suspect(i, total, false));
        }
        addClassSuspects(suspects, threshold, total, reported, coveredBelow);
        suspects.sort(Comparator.comparingDouble(Suspect::score).reversed());
        return suspects;
    }

    /**
     * The instances of one class retaining a large share together, spread over many paths (no single path is big):
     * reported with the path of the node holding most of them.
     */
    private void addClassSuspects(
            List<Suspect> suspects, long threshold, long total, boolean[] reported, boolean[] coveredBelow) {
        java.util.Set<String> named = new java.util.HashSet<>();
        suspects.forEach(s -> named.add(s.className()));
        for (var c : summary.classes()) {
            // JDK containers (Object[], HashMap, ArrayList) hold everything at some level: only application classes.
            if (c.retained() < threshold || named.contains(c.name()) || isPlatformClass(c.name())) {
                continue;
            }
            int biggest = -1;
            for (int i = 0; i < tree.size(); i++) {
                PathNode n = tree.node(i);
                if (n.className().equals(c.name())
                        && !n.classObject()
                        && (biggest < 0 || size(n) > size(tree.node(biggest)))) {
                    biggest = i;
                }
            }
            // A class on the path of a reported suspect (the Room above the Sessions) is that suspect's story.
            if (biggest < 0 || reported[biggest] || coveredBelow[biggest] || ancestorReported(biggest, reported)) {
                continue;
            }
            List<PathStep> path = tree.steps(biggest);
            Suspect.Subject subject =
                    new Suspect.Subject(c.name(), c.count(), c.retained(), (double) c.retained() / Math.max(1, total));
            suspects.add(Suspect.found(
                    Finding.SPREAD,
                    c.name(),
                    tree.accumulationPoint(biggest),
                    path,
                    PathTree.pathText(path, tree.node(biggest).count()),
                    new long[] {c.count()},
                    new long[] {c.retained()},
                    new long[] {0},
                    Steadiness.ONE_DUMP,
                    subject,
                    c.retained()));
        }
    }

    private static boolean isPlatformClass(String name) {
        return name.endsWith("[]")
                || name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    private Suspect suspect(int i, long total, boolean crowd) {
        PathNode n = tree.node(i);
        int payload = Payload.descend(tree, i, n.count(), sig -> {
            int idx = tree.find(sig);
            return new long[] {0, idx < 0 ? 0 : tree.node(idx).count()};
        });
        PathNode p = tree.node(payload);
        AccumulationPoint point = tree.accumulationPoint(i);
        List<PathStep> path = tree.steps(payload);
        long size = size(n);
        // A crowd is named after its payload, so its figure is what the payload objects retain (the map's values,
        // without the entries and keys beside them).
        long named = crowd ? size(p) : size;
        double share = (double) named / Math.max(1, total);
        Suspect.Subject subject = crowd
                ? new Suspect.Subject(p.className(), p.count(), named, share)
                : new Suspect.Subject(n.className(), n.count(), size, share);
        PathNode figures = crowd ? p : n;
        return Suspect.found(
                crowd ? Finding.CROWD : Finding.HOLDER,
                p.className(),
                point,
                path,
                PathTree.pathText(path, p.count()),
                new long[] {p.count()},
                new long[] {figures.retained()},
                new long[] {figures.offHeap()},
                Steadiness.ONE_DUMP,
                subject,
                size);
    }

    private static long size(PathNode n) {
        return n.retained() + n.offHeap();
    }

    private boolean ancestorReported(int i, boolean[] reported) {
        for (int p = tree.node(i).parent(); p >= 0; p = tree.node(p).parent()) {
            if (reported[p]) {
                return true;
            }
        }
        return false;
    }

    private void markAncestors(int i, boolean[] covered) {
        for (int p = tree.node(i).parent(); p >= 0; p = tree.node(p).parent()) {
            covered[p] = true;
        }
    }

    private boolean hasBigChild(int i, long threshold) {
        for (int c = i + 1; c < tree.size(); c++) {
            if (tree.node(c).parent() == i && size(tree.node(c)) >= threshold) {
                return true;
            }
        }
        return false;
    }
}
