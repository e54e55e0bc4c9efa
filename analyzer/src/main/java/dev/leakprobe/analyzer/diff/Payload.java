package dev.leakprobe.analyzer.diff;

/**
 * A growing set of {@code HashMap$Node}s or {@code LinkedList$Node}s is a growing set of what they hold: from a
 * growing node of a JDK class, step down to the one child node that grows by as many objects, so that the suspect
 * names the application's class.
 */
final class Payload {

    private Payload() {}

    static int descend(PathTree tree, int node, long growth, java.util.function.IntFunction<long[]> countSeries) {
        int current = node;
        for (int depth = 0; depth < 4 && isJdkClass(tree.node(current).className()); depth++) {
            // Of the children that grow by as many objects (a map entry's key and value both do), the one that
            // retains most: the values, not the String keys.
            int next = -1;
            for (int c : tree.children(current)) {
                long[] series = countSeries.apply(tree.signature(c));
                long childGrowth = series[series.length - 1] - series[0];
                if (childGrowth >= growth * 9 / 10
                        && childGrowth <= growth * 11 / 10
                        && (next < 0 || size(tree.node(c)) > size(tree.node(next)))) {
                    next = c;
                }
            }
            if (next < 0) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static long size(dev.leakprobe.analyzer.summary.PathNode n) {
        return n.retained() + n.offHeap();
    }

    /** Collection plumbing: entries, nodes, arrays of the JDK. Buffers and strings are payloads themselves. */
    static boolean isJdkClass(String className) {
        boolean jdk = className.startsWith("java.util.") || className.startsWith("java.lang.Object[]");
        return jdk && (className.contains("$") || className.endsWith("[]"));
    }
}
