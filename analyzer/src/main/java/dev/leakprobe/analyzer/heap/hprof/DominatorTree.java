package dev.leakprobe.analyzer.heap.hprof;

import java.util.BitSet;

/**
 * Immediate dominators by semi-NCA (Lengauer–Tarjan's semi-dominators, then each immediate dominator as the nearest
 * common ancestor of its semi-dominator and its parent; LLVM's and Shark's choice) over int arrays, without recursion:
 * the depth-first search and the path compression keep explicit stacks, so a chain of millions of objects is no
 * deeper than a flat heap. No sort anywhere, so millions of objects under one dominator cost what they cost. Against
 * the Lengauer–Tarjan this replaced it needs three {@code int}s per object less (no buckets, no separate ancestor
 * forest), and edges into GC roots are left out of the reversed graph (a root's semi-dominator is the virtual root
 * whatever refers to it): most class edges go there. Retained sizes then take one pass in reverse depth-first order,
 * and the tree's children lists one counting pass.
 *
 * <p>A virtual root (number 1) refers to every GC root. Objects nothing reaches are either left out of the tree
 * (garbage) or, when kept, reached from the virtual root through made-up roots: those unreachable objects that no
 * other unreachable object refers to, then one object of each cycle that is left.
 *
 * <p>What it keeps, per object: its depth-first number, its immediate dominator (an id), its retained size (a
 * {@code long}) by number, and its slot in the children lists: 24 bytes.
 */
final class DominatorTree {

    /** {@link #dominator} of an object left out of the tree. */
    static final int NONE = -2;

    /** Depth-first number by object id: 0 when left out of the tree, 1 is the virtual root. */
    private final int[] number;
    /** Immediate dominator's id by number: -1 for the virtual root. */
    private final int[] idom;
    /** Retained size by number. */
    private final long[] retained;
    /** Children of number {@code w}: {@code children[childStart[w] .. childStart[w + 1])}, ids ascending. */
    private final int[] childStart;

    private final int[] children;
    /** The made-up roots for kept unreachable objects, ascending. */
    final int[] outsideRoots;

    final long keptCount;
    /** The most bytes of working arrays the computation held at once (the tree's own arrays aside). */
    final long workingBytes;

    final long leftOutCount;
    final long leftOutBytes;
    final long keptBytes;

    private DominatorTree(
            int[] number,
            int[] idom,
            long[] retained,
            int[] childStart,
            int[] children,
            int[] outsideRoots,
            long workingBytes,
            long keptCount,
            long keptBytes,
            long leftOutCount,
            long leftOutBytes) {
        this.number = number;
        this.idom = idom;
        this.retained = retained;
        this.childStart = childStart;
        this.children = children;
        this.outsideRoots = outsideRoots;
        this.workingBytes = workingBytes;
        this.keptCount = keptCount;
        this.keptBytes = keptBytes;
        this.leftOutCount = leftOutCount;
        this.leftOutBytes = leftOutBytes;
    }

    /** The immediate dominator's id, -1 for the virtual root, {@link #NONE} when left out. */
    int dominator(int id) {
        int w = number[id];
        return w == 0 ? NONE : idom[w];
    }

    long retained(int id) {
        int w = number[id];
        return w == 0 ? 0 : retained[w];
    }

    /** Ids immediately dominated by {@code id} (-1: by the virtual root), ascending. */
    int[] dominated(int id) {
        int w = id < 0 ? 1 : number[id];
        return w == 0 ? new int[0] : java.util.Arrays.copyOfRange(children, childStart[w], childStart[w + 1]);
    }

    /** The arrays this tree keeps, for the engine's memory budget test. */
    long bytesKept() {
        return 4L * number.length
                + 4L * idom.length
                + 8L * retained.length
                + 4L * childStart.length
                + 4L * children.length;
    }

    /**
     * @param roots the GC roots, ascending
     * @param keepUnreachable keep what nothing reaches under made-up roots, instead of leaving it out
     */
    static DominatorTree compute(ObjectGraph graph, int[] roots, boolean keepUnreachable, int systemLoader) {
        return new Builder(graph, roots, systemLoader).run(keepUnreachable);
    }

    private static final class Builder {
        private final ObjectGraph g;
        private final int n;
        private final int[] roots;
        /** DFS number by object id (0: not reached); the virtual root is 1. */
        private final int[] pre;
        /** Object id by DFS number. */
        private final int[] vertex;

        private final int[] parent;
        /** The made-up bootstrap loader: never counted as set aside, the file does not hold it. */
        private final int systemLoader;

        private int count = 1;
        private long workingBytes;
        private int[] stackNode;
        private int[] stackEdge;

        Builder(ObjectGraph graph, int[] roots, int systemLoader) {
            this.systemLoader = systemLoader;
            this.g = graph;
            this.n = graph.classOf.length;
            this.roots = roots;
            this.pre = new int[n];
            this.vertex = new int[n + 2];
            this.parent = new int[n + 2];
            vertex[1] = -1;
        }

        DominatorTree run(boolean keepUnreachable) {
            stackNode = new int[Math.max(1, n)];
            stackEdge = new int[Math.max(1, n)];
            for (int root : roots) {
                search(root);
            }
            int reachable = count - 1;
            int[] outside = new int[0];
            long keptBytes = 0;
            if (keepUnreachable && reachable < n) {
                outside = keepRest();
                for (int id = 0; id < n; id++) {
                    if (pre[id] > reachable + 1) {
                        keptBytes += g.shallow[id];
                    }
                }
            }
            long leftOut = 0;
            long leftOutBytes = 0;
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0 && id != systemLoader) {
                    leftOut++;
                    leftOutBytes += g.shallow[id];
                }
            }
            stackNode = null;
            stackEdge = null;
            BitSet rootSet = new BitSet(n);
            for (int root : roots) {
                rootSet.set(root);
            }
            for (int root : outside) {
                rootSet.set(root);
            }
            int[] idom = dominators(rootSet);
            return finish(idom, outside, count - 1 - reachable, keptBytes, leftOut, leftOutBytes);
        }

        /** Depth first from {@code start}, under the virtual root, numbering objects in preorder. */
        private void search(int start) {
            if (pre[start] != 0) {
                return;
            }
            int[] refs = g.refs;
            int[] refStart = g.refStart;
            pre[start] = ++count;
            vertex[count] = start;
            parent[count] = 1;
            int top = 0;
            stackNode[0] = start;
            stackEdge[0] = refStart[start];
            while (top >= 0) {
                int node = stackNode[top];
                int edge = stackEdge[top];
                if (edge < refStart[node + 1]) {
                    stackEdge[top] = edge + 1;
                    int next = refs[edge];
                    if (pre[next] == 0) {
                        pre[next] = ++count;
                        vertex[count] = next;
                        parent[count] = pre[node];
                        top++;
                        stackNode[top] = next;
                        stackEdge[top] = refStart[next];
                    }
                } else {
                    top--;
                }
            }
        }

        /** Made-up roots for what nothing reaches: entry points first, then one object per remaining cycle. */
        private int[] keepRest() {
            BitSet referenced = new BitSet(n);
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    for (int e = g.refStart[id]; e < g.refStart[id + 1]; e++) {
                        int to = g.refs[e];
                        if (to != id && pre[to] == 0) {
                            referenced.set(to);
                        }
                    }
                }
            }
            Growable.Ints made = new Growable.Ints(1024);
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0 && !referenced.get(id)) {
                    made.add(id);
                    search(id);
                }
            }
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    made.add(id);
                    search(id);
                }
            }
            int[] result = made.toArray();
            java.util.Arrays.sort(result);
            return result;
        }

        /** Semi-NCA in DFS-number space; returns the immediate dominator's number by number. */
        private int[] dominators(BitSet rootSet) {
            int size = count + 1;
            int[] semi = new int[size];
            int[] label = new int[size];
            int[] idom = new int[size];
            for (int v = 1; v < size; v++) {
                semi[v] = v;
                label[v] = v;
                idom[v] = parent[v];
            }
            int[] inStart = new int[n + 1];
            int[] in = predecessors(inStart, rootSet);
            workingBytes = 4L
                    * (pre.length
                            + vertex.length
                            + parent.length
                            + semi.length
                            + label.length
                            + idom.length
                            + inStart.length
                            + in.length);
            int[] stack = new int[64];
            // parent[] becomes the path-compressed forest of the objects processed so far (numbers above w).
            for (int w = count; w >= 2; w--) {
                int id = vertex[w];
                if (rootSet.get(id)) {
                    semi[w] = 1;
                    continue;
                }
                int s = parent[w];
                for (int e = inStart[id]; e < inStart[id + 1]; e++) {
                    int v = pre[in[e]];
                    if (v == 0) {
                        continue;
                    }
                    int u;
                    if (parent[v] <= w) {
                        u = label[v];
                    } else {
                        stack = compress(v, w + 1, semi, label, stack);
                        u = label[v];
                    }
                    if (semi[u] < s) {
                        s = semi[u];
                    }
                }
                semi[w] = s;
            }
            for (int w = 2; w < size; w++) {
                int sd = semi[w];
                int candidate = idom[w];
                while (candidate > sd) {
                    candidate = idom[candidate];
                }
                idom[w] = candidate;
            }
            idom[1] = 0;
            return idom;
        }

        /**
         * Path compression from {@code v} up to the root of its tree in the forest of the numbers {@code >= linked}
         * (the objects processed so far): afterwards {@code label[v]} is the number of least semi-dominator on that
         * path. Returns the stack, grown if it had to be.
         */
        private int[] compress(int v, int linked, int[] semi, int[] label, int[] stack) {
            int top = 0;
            int x = v;
            do {
                if (top == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = x;
                x = parent[x];
            } while (parent[x] >= linked);
            int p = x;
            int pLabel = label[p];
            while (top > 0) {
                int y = stack[--top];
                parent[y] = parent[p];
                if (semi[pLabel] < semi[label[y]]) {
                    label[y] = pLabel;
                } else {
                    pLabel = label[y];
                }
                p = y;
            }
            return stack;
        }

        /**
         * The reversed edges of the reached objects, by target id: {@code in[inStart[id] .. inStart[id + 1])}. Edges
         * into GC roots are left out: no root needs its predecessors.
         */
        private int[] predecessors(int[] inStart, BitSet rootSet) {
            int[] refs = g.refs;
            int[] refStart = g.refStart;
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    continue;
                }
                for (int e = refStart[id]; e < refStart[id + 1]; e++) {
                    int to = refs[e];
                    if (!rootSet.get(to)) {
                        inStart[to]++;
                    }
                }
            }
            // Ends first; placing each edge at --end leaves the starts behind.
            int sum = 0;
            for (int id = 0; id < n; id++) {
                sum += inStart[id];
                inStart[id] = sum;
            }
            inStart[n] = sum;
            int[] in = new int[sum];
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    continue;
                }
                for (int e = refStart[id]; e < refStart[id + 1]; e++) {
                    int to = refs[e];
                    if (!rootSet.get(to)) {
                        in[--inStart[to]] = id;
                    }
                }
            }
            return in;
        }

        private DominatorTree finish(
                int[] idom, int[] outside, long kept, long keptBytes, long leftOut, long leftOutBytes) {
            int size = count + 1;
            long[] sum = new long[size];
            for (int w = count; w >= 2; w--) {
                sum[w] += g.shallow[vertex[w]];
                sum[idom[w]] += sum[w];
            }
            // Children by their dominator's number, ids ascending: ends first, then each id placed at --end.
            int[] childStart = new int[size + 1];
            for (int w = 2; w < size; w++) {
                childStart[idom[w]]++;
            }
            int total = 0;
            for (int w = 0; w <= size; w++) {
                total += childStart[w];
                childStart[w] = total;
            }
            int[] children = new int[total];
            for (int id = n - 1; id >= 0; id--) {
                int w = pre[id];
                if (w != 0) {
                    children[--childStart[idom[w]]] = id;
                }
            }
            // From here on the dominator is kept as an id: the depth-first order is no longer needed.
            for (int w = 2; w < size; w++) {
                int d = idom[w];
                idom[w] = d == 1 ? -1 : vertex[d];
            }
            idom[1] = -1;
            return new DominatorTree(
                    pre,
                    idom,
                    sum,
                    childStart,
                    children,
                    outside,
                    workingBytes,
                    kept,
                    keptBytes,
                    leftOut,
                    leftOutBytes);
        }
    }
}
