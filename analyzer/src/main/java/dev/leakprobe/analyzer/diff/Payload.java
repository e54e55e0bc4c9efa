package dev.leakprobe.analyzer.diff;

import java.util.function.Function;

/**
 * A growing set of {@code HashMap$Node}s or {@code LinkedList$Node}s is a growing set of what they hold: from a
 * growing node of a JDK class, step down to the one child node that grows by as many objects, so that the suspect
 * names the application's class.
 */
final class Payload {

    private Payload() {}

    static int descend(PathTree tree, int node, long growth, Function<String, long[]> countSeries) {
        int current = node;
        for (int depth = 0; depth < 4 && isJdkClass(tree.node(current).className()); depth++) {
            int next = -1;
            for (int c = current + 1; c < tree.size(); c++) {
                if (tree.node(c).parent() != current) {
                    continue;
                }
                long[] series = countSeries.apply(tree.signature(c));
                long childGrowth = series[series.length - 1] - series[0];
                if (childGrowth >= growth * 9 / 10 && childGrowth <= growth * 11 / 10) {
                    next = c;
                    break;
                }
            }
            if (next < 0) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Collection plumbing: entries, nodes, arrays of the JDK. Buffers and strings are payloads themselves. */
    static boolean isJdkClass(String className) {
        boolean jdk = className.startsWith("java.util.") || className.startsWith("java.lang.Object[]");
        return jdk && (className.contains("$") || className.endsWith("[]"));
    }
}
