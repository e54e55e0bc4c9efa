package dev.leakprobe.analyzer.heap.hprof;

import java.util.BitSet;

/**
 * Immediate dominators by Lengauer–Tarjan (the simple version, with path compression) over int arrays, without
 * recursion: the depth-first search and the path compression keep explicit stacks, so a chain of millions of objects
 * is no deeper than a flat heap. No sort anywhere, so millions of objects under one dominator cost what they cost.
 * Retained sizes then take one pass in reverse depth-first order, and the tree's children lists one counting pass.
 *
 * <p>A virtual root (number 1) refers to every GC root. Objects nothing reaches are either left out of the tree
 * (garbage) or, when kept, reached from the virtual root through made-up roots: those unreachable objects that no
 * other unreachable object refers to, then one object of each cycle that is left.
 */
final class DominatorTree {

    /** {@link #dominator} of an object left out of the tree. */
    static final int NONE = -2;

    /** Immediate dominator by object id: -1 for the virtual root, {@link #NONE} when left out. */
    final int[] dominator;

    final long[] retained;
    /** Children of {@code id} in the tree: {@code children[childStart[id] .. childStart[id + 1])}; index n is the root. */
    final int[] childStart;

    final int[] children;
    /** The made-up roots for kept unreachable objects, ascending. */
    final int[] outsideRoots;

    final long keptCount;
    final long leftOutCount;
    final long leftOutBytes;
    final long keptBytes;

    private DominatorTree(
            int[] dominator,
            long[] retained,
            int[] childStart,
            int[] children,
            int[] outsideRoots,
            long keptCount,
            long keptBytes,
            long leftOutCount,
            long leftOutBytes) {
        this.dominator = dominator;
        this.retained = retained;
        this.childStart = childStart;
        this.children = children;
        this.outsideRoots = outsideRoots;
        this.keptCount = keptCount;
        this.keptBytes = keptBytes;
        this.leftOutCount = leftOutCount;
        this.leftOutBytes = leftOutBytes;
    }

    /**
     * @param roots the GC roots, ascending
     * @param keepUnreachable keep what nothing reaches under made-up roots, instead of leaving it out
     */
    static DominatorTree compute(ObjectGraph graph, int[] roots, boolean keepUnreachable) {
        return new Builder(graph, roots).run(keepUnreachable);
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
        private int count = 1;
        private int[] stackNode;
        private int[] stackEdge;

        Builder(ObjectGraph graph, int[] roots) {
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
                if (pre[id] == 0) {
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

        /** Lengauer–Tarjan in DFS-number space; returns the immediate dominator's number by number. */
        private int[] dominators(BitSet rootSet) {
            int size = count + 1;
            int[] semi = new int[size];
            int[] label = new int[size];
            int[] ancestor = new int[size];
            int[] idom = new int[size];
            int[] bucketHead = new int[size];
            int[] bucketNext = new int[size];
            for (int v = 1; v < size; v++) {
                semi[v] = v;
                label[v] = v;
            }
            int[] inStart = new int[n + 1];
            int[] in = predecessors(inStart);
            int[] path = new int[64];
            for (int w = count; w >= 2; w--) {
                int id = vertex[w];
                for (int e = inStart[id]; e < inStart[id + 1]; e++) {
                    int v = pre[in[e]];
                    if (v == 0) {
                        continue;
                    }
                    int u = eval(v, ancestor, label, semi, path);
                    if (semi[u] < semi[w]) {
                        semi[w] = semi[u];
                    }
                }
                if (rootSet.get(id)) {
                    semi[w] = 1;
                }
                bucketNext[w] = bucketHead[semi[w]];
                bucketHead[semi[w]] = w;
                int p = parent[w];
                ancestor[w] = p;
                for (int v = bucketHead[p]; v != 0; v = bucketNext[v]) {
                    int u = eval(v, ancestor, label, semi, path);
                    idom[v] = semi[u] < semi[v] ? u : p;
                }
                bucketHead[p] = 0;
            }
            for (int w = 2; w < size; w++) {
                if (idom[w] != semi[w]) {
                    idom[w] = idom[idom[w]];
                }
            }
            idom[1] = 0;
            return idom;
        }

        private int[] predecessors(int[] inStart) {
            int[] refs = g.refs;
            int[] refStart = g.refStart;
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    continue;
                }
                for (int e = refStart[id]; e < refStart[id + 1]; e++) {
                    inStart[refs[e]]++;
                }
            }
            int sum = 0;
            for (int id = 0; id < n; id++) {
                int c = inStart[id];
                inStart[id] = sum;
                sum += c;
            }
            inStart[n] = sum;
            int[] in = new int[sum];
            int[] fill = new int[n];
            for (int id = 0; id < n; id++) {
                if (pre[id] == 0) {
                    continue;
                }
                for (int e = refStart[id]; e < refStart[id + 1]; e++) {
                    int to = refs[e];
                    in[inStart[to] + fill[to]++] = id;
                }
            }
            return in;
        }

        /** The vertex of least semi-dominator on the compressed path to {@code v}'s forest root. */
        private static int eval(int v, int[] ancestor, int[] label, int[] semi, int[] path) {
            if (ancestor[v] == 0) {
                return v;
            }
            // Path compression, iteratively: collect the path, then update from the top down.
            int top = 0;
            int x = v;
            while (ancestor[ancestor[x]] != 0) {
                if (top == path.length) {
                    path = java.util.Arrays.copyOf(path, top * 2);
                }
                path[top++] = x;
                x = ancestor[x];
            }
            while (top > 0) {
                int y = path[--top];
                int a = ancestor[y];
                if (semi[label[a]] < semi[label[y]]) {
                    label[y] = label[a];
                }
                ancestor[y] = ancestor[a];
            }
            return label[v];
        }

        private DominatorTree finish(
                int[] idom, int[] outside, long kept, long keptBytes, long leftOut, long leftOutBytes) {
            int size = count + 1;
            long[] sum = new long[size];
            for (int w = count; w >= 2; w--) {
                sum[w] += g.shallow[vertex[w]];
                sum[idom[w]] += sum[w];
            }
            int[] dominator = new int[n];
            long[] retained = new long[n];
            int[] childStart = new int[n + 2];
            for (int id = 0; id < n; id++) {
                int w = pre[id];
                if (w == 0) {
                    dominator[id] = NONE;
                    continue;
                }
                int d = idom[w];
                dominator[id] = d == 1 ? -1 : vertex[d];
                retained[id] = sum[w];
                childStart[d == 1 ? n : dominator[id]]++;
            }
            int total = 0;
            for (int i = 0; i <= n; i++) {
                int c = childStart[i];
                childStart[i] = total;
                total += c;
            }
            childStart[n + 1] = total;
            int[] children = new int[total];
            int[] fill = new int[n + 1];
            for (int id = 0; id < n; id++) {
                int d = dominator[id];
                if (d == NONE) {
                    continue;
                }
                int slot = d == -1 ? n : d;
                children[childStart[slot] + fill[slot]++] = id;
            }
            return new DominatorTree(
                    dominator, retained, childStart, children, outside, kept, keptBytes, leftOut, leftOutBytes);
        }
    }
}
