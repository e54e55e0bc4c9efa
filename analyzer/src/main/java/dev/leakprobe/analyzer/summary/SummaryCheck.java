package dev.leakprobe.analyzer.summary;

import java.util.List;
import java.util.Map;

/**
 * Whether a summary read from a file is one the summarizer could have written. Its checksum says the file is intact,
 * not that it is sane: a crafted summary with a cycle among its path nodes made {@code diff} loop until out of
 * memory, a parent index past the end or a null name ended in a stack trace, 200,000 nodes kept it busy for minutes,
 * and {@code Long.MIN_VALUE} sizes were printed as {@code --9223372036854775808 B}. Each check says in a few words
 * what is wrong, for the one line that refuses the file.
 */
final class SummaryCheck {

    /** The most bytes or objects a figure may claim: 16 TiB, so that sums over a summary cannot overflow. */
    static final long MAX_FIGURE = 1L << 44;

    private SummaryCheck() {}

    /** @return what is wrong with the summary, or null when it is sane */
    static String problem(DumpSummary s) {
        // The source is checked where it is needed (a summary given instead of its dump must have one).
        if (s.source() != null
                && (s.source().fileName() == null || firstBad("size", s.source().sizeBytes()) != null)) {
            return "its dump's name or size is impossible";
        }
        String figures = firstBad(
                "objects", s.objects(),
                "heap bytes", s.heapBytes(),
                "direct bytes", s.directBytes(),
                "direct buffers", s.directCount(),
                "mapped bytes", s.mappedBytes(),
                "mapped buffers", s.mappedCount());
        if (figures != null) {
            return figures;
        }
        if (s.warnings() == null || s.classes() == null || s.dominators() == null || s.nodes() == null) {
            return "a list is missing";
        }
        if (s.warnings().contains(null)) {
            return "a warning is null";
        }
        String nodes = nodesProblem(s.nodes());
        if (nodes != null) {
            return nodes;
        }
        String classes = classesProblem(s.classes());
        if (classes != null) {
            return classes;
        }
        String dominators = dominatorsProblem(s.dominators());
        return dominators != null ? dominators : siteCountsProblem(s.siteCounts());
    }

    /**
     * The path nodes form a tree listed parents first (the summarizer writes them so): every parent index is -1 or
     * smaller than its child's, which also rules out cycles.
     */
    private static String nodesProblem(List<PathNode> nodes) {
        if (nodes.size() > SummaryBuilder.MAX_NODES) {
            return nodes.size() + " path nodes, more than the " + SummaryBuilder.MAX_NODES + " a summary holds";
        }
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            if (n == null) {
                return "path node " + i + " is null";
            }
            if (n.className() == null) {
                return "path node " + i + " has no class name";
            }
            if (n.parent() < -1 || n.parent() >= i) {
                return "path node " + i + " has the parent " + n.parent() + " (parents come first: a cycle, or past"
                        + " the end)";
            }
            String figures = firstBad(
                    "count", n.count(),
                    "shallow size", n.shallow(),
                    "retained size", n.retained(),
                    "off-heap size", n.offHeap(),
                    "defined classes", n.definedClasses());
            if (figures != null) {
                return "path node " + i + ": " + figures;
            }
        }
        return null;
    }

    private static String classesProblem(List<ClassStats> classes) {
        for (int i = 0; i < classes.size(); i++) {
            ClassStats c = classes.get(i);
            if (c == null || c.name() == null) {
                return "class " + i + " is null or has no name";
            }
            String figures = firstBad("count", c.count(), "shallow size", c.shallow(), "retained size", c.retained());
            if (figures != null) {
                return "class " + i + ": " + figures;
            }
        }
        return null;
    }

    private static String dominatorsProblem(List<DominatorEntry> dominators) {
        for (int i = 0; i < dominators.size(); i++) {
            DominatorEntry d = dominators.get(i);
            if (d == null || d.className() == null) {
                return "dominator " + i + " is null or has no class name";
            }
            String figures =
                    firstBad("shallow size", d.shallow(), "retained size", d.retained(), "off-heap size", d.offHeap());
            if (figures != null) {
                return "dominator " + i + ": " + figures;
            }
        }
        return null;
    }

    /** Site counts are optional (no tracked classes); when present, no null keys or counts. */
    private static String siteCountsProblem(Map<String, Map<Integer, Long>> siteCounts) {
        if (siteCounts == null) {
            return null;
        }
        for (Map.Entry<String, Map<Integer, Long>> e : siteCounts.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return "a site count is null";
            }
            for (Map.Entry<Integer, Long> site : e.getValue().entrySet()) {
                if (site.getKey() == null || site.getValue() == null) {
                    return "a site count is null";
                }
                String figure = firstBad("a site count", site.getValue());
                if (figure != null) {
                    return figure;
                }
            }
        }
        return null;
    }

    /** Pairs of a name and a figure: the first figure below 0 or above {@link #MAX_FIGURE}, said in words. */
    private static String firstBad(Object... namesAndFigures) {
        for (int i = 0; i < namesAndFigures.length; i += 2) {
            long figure = (Long) namesAndFigures[i + 1];
            if (figure < 0 || figure > MAX_FIGURE) {
                return namesAndFigures[i] + " is " + figure;
            }
        }
        return null;
    }
}
