package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.ClassStats;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lines up the class tables of several dumps by class name. */
final class ClassTable {

    private ClassTable() {}

    static List<ClassGrowth> merge(List<DumpSummary> summaries) {
        int n = summaries.size();
        Map<String, long[][]> rows = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            for (ClassStats c : summaries.get(d).classes()) {
                long[][] row = rows.computeIfAbsent(c.name(), k -> new long[3][n]);
                // Two classes of one name (two loaders) add up.
                row[0][d] += c.count();
                row[1][d] += c.shallow();
                row[2][d] += c.retained();
            }
        }
        List<ClassGrowth> list = new ArrayList<>();
        rows.forEach((name, row) -> list.add(ClassGrowth.of(name, row[0], row[1], row[2])));
        Comparator<ClassGrowth> order = n == 1
                ? Comparator.comparingLong((ClassGrowth c) -> c.retained()[0]).reversed()
                : Comparator.comparingLong(ClassGrowth::retainedDelta)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(ClassGrowth::shallowDelta)
                                .reversed());
        list.sort(order.thenComparing(ClassGrowth::className));
        return list;
    }
}
