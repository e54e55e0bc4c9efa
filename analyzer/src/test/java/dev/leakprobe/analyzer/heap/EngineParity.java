package dev.leakprobe.analyzer.heap;

import dev.leakprobe.analyzer.heap.hprof.HprofEngine;
import dev.leakprobe.analyzer.heap.mat.MatEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens one dump with both engines and lists, object by object (matched by address), where ours differs from the MAT
 * engine: which objects are kept, their class, shallow size, immediate dominator and retained size, and the class
 * histogram. An empty list is parity.
 */
public final class EngineParity {

    private static final int MAX_LISTED = 25;

    private EngineParity() {}

    /** Per object, sorted by address: class name, shallow, dominator address (-1 for the root), retained. */
    record Objects_(long[] address, String[] className, long[] shallow, long[] dominator, long[] retained) {}

    public static List<String> differences(Path dump) throws BadDumpException {
        Objects_ mat = read(new MatEngine(), dump);
        Objects_ ours = read(new HprofEngine(), dump);
        List<String> diffs = new ArrayList<>();
        compareObjects(mat, ours, diffs);
        compareHistograms(mat, ours, diffs);
        return diffs;
    }

    private static Objects_ read(HeapEngine engine, Path dump) throws BadDumpException {
        try (HeapSnapshot heap = new DumpOpener(engine).open(dump, Progress.NONE)) {
            int n = heap.objectCount();
            int kept = 0;
            int[] ids = new int[n];
            java.util.BitSet top = new java.util.BitSet(n);
            for (int id : heap.dominated(HeapSnapshot.ROOT)) {
                top.set(id);
            }
            for (int id = 0; id < n; id++) {
                // In the tree: dominated by an object, or at the top (ours keeps set-aside objects out of both).
                if (heap.dominator(id) != HeapSnapshot.ROOT || top.get(id)) {
                    ids[kept++] = id;
                }
            }
            long[] address = new long[kept];
            for (int i = 0; i < kept; i++) {
                address[i] = heap.address(ids[i]);
            }
            Integer[] order = new Integer[kept];
            for (int i = 0; i < kept; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(address[a], address[b]));
            Objects_ o = new Objects_(new long[kept], new String[kept], new long[kept], new long[kept], new long[kept]);
            for (int i = 0; i < kept; i++) {
                int id = ids[order[i]];
                o.address[i] = heap.address(id);
                o.className[i] =
                        heap.isClassObject(id) ? "class " + heap.className(id) : heap.className(heap.classOf(id));
                o.shallow[i] = heap.shallow(id);
                int d = heap.dominator(id);
                o.dominator[i] = d == HeapSnapshot.ROOT ? -1 : heap.address(d);
                o.retained[i] = heap.retained(id);
            }
            return o;
        }
    }

    private static void compareObjects(Objects_ mat, Objects_ ours, List<String> diffs) {
        int i = 0;
        int j = 0;
        int listed = 0;
        long count = 0;
        while (i < mat.address.length || j < ours.address.length) {
            long a = i < mat.address.length ? mat.address[i] : Long.MAX_VALUE;
            long b = j < ours.address.length ? ours.address[j] : Long.MAX_VALUE;
            String diff = null;
            if (a < b) {
                diff = hex(a) + " " + mat.className[i] + ": only the MAT engine keeps it";
                i++;
            } else if (b < a) {
                diff = hex(b) + " " + ours.className[j] + ": only our engine keeps it";
                j++;
            } else {
                diff = compareOne(mat, i, ours, j);
                i++;
                j++;
            }
            if (diff != null) {
                count++;
                if (listed++ < MAX_LISTED) {
                    diffs.add(diff);
                }
            }
        }
        if (count > MAX_LISTED) {
            diffs.add("... and " + (count - MAX_LISTED) + " more objects differ");
        }
    }

    private static String compareOne(Objects_ mat, int i, Objects_ ours, int j) {
        List<String> what = new ArrayList<>();
        if (!mat.className[i].equals(ours.className[j])) {
            what.add("class " + mat.className[i] + " vs " + ours.className[j]);
        }
        if (mat.shallow[i] != ours.shallow[j]) {
            what.add("shallow " + mat.shallow[i] + " vs " + ours.shallow[j]);
        }
        if (mat.dominator[i] != ours.dominator[j]) {
            what.add("dominator " + hex(mat.dominator[i]) + " vs " + hex(ours.dominator[j]));
        }
        if (mat.retained[i] != ours.retained[j]) {
            what.add("retained " + mat.retained[i] + " vs " + ours.retained[j]);
        }
        return what.isEmpty()
                ? null
                : hex(mat.address[i]) + " " + mat.className[i] + " (MAT vs ours): " + String.join(", ", what);
    }

    private static void compareHistograms(Objects_ mat, Objects_ ours, List<String> diffs) {
        Map<String, long[]> a = histogram(mat);
        Map<String, long[]> b = histogram(ours);
        int listed = 0;
        for (String name : new java.util.TreeSet<>(union(a, b))) {
            long[] x = a.getOrDefault(name, new long[2]);
            long[] y = b.getOrDefault(name, new long[2]);
            if (!Arrays.equals(x, y) && listed++ < MAX_LISTED) {
                diffs.add("histogram " + name + " (MAT vs ours): " + x[0] + " objects / " + x[1] + " bytes vs " + y[0]
                        + " / " + y[1]);
            }
        }
    }

    private static java.util.Set<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static Map<String, long[]> histogram(Objects_ o) {
        Map<String, long[]> h = new HashMap<>();
        for (int i = 0; i < o.address.length; i++) {
            String name = o.className[i].startsWith("class ") ? "java.lang.Class" : o.className[i];
            long[] row = h.computeIfAbsent(name, k -> new long[2]);
            row[0]++;
            row[1] += o.shallow[i];
        }
        return h;
    }

    private static String hex(long address) {
        return address < 0 ? "<root>" : "0x" + Long.toHexString(address);
    }
}
