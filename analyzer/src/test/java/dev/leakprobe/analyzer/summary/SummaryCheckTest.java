package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, items 5, 9 and 10: summaries whose checksum is right but whose content no summarizer writes — a cycle
 * among the path nodes (diff looped until out of memory), a parent past the end, null nodes, names and lists (stack
 * traces), 200,000 nodes (minutes of diff), {@code Long.MIN_VALUE} sizes. Each is refused on reading, in words.
 */
class SummaryCheckTest {

    @TempDir
    Path dir;

    @Test
    void aSaneSummaryReadsBack() throws IOException {
        DumpSummary sane = summary(List.of(node(-1, "app.Registry", 1), node(0, "app.Session", 25)));
        assertThat(readBack(sane)).isEqualTo(sane);
    }

    @Test
    void aCycleAmongPathNodesIsRefused() {
        assertRefused(summary(List.of(node(1, "app.A", 1), node(0, "app.B", 1))), "path node 0 has the parent 1");
    }

    @Test
    void aParentPastTheEndIsRefused() {
        assertRefused(summary(List.of(node(-1, "app.A", 1), node(7, "app.B", 1))), "path node 1 has the parent 7");
    }

    @Test
    void nullNodesNamesAndListsAreRefused() {
        List<PathNode> withNull = new ArrayList<>();
        withNull.add(node(-1, "app.A", 1));
        withNull.add(null);
        assertRefused(summary(withNull), "path node 1 is null");
        assertRefused(summary(List.of(node(-1, null, 1))), "path node 0 has no class name");
        assertRefused(with(s -> copy(s, null, s.classes())), "a list is missing");
        assertRefused(with(s -> copy(s, s.nodes(), null)), "a list is missing");
        assertRefused(with(s -> copy(s, s.nodes(), Collections.singletonList(null))), "class 0 is null");
    }

    @Test
    void absurdSizesAreRefused() {
        assertRefused(
                summary(List.of(node(-1, "app.A", Long.MIN_VALUE))), "path node 0: count is -9223372036854775808");
        assertRefused(
                with(s -> copy(s, s.nodes(), List.of(new ClassStats("app.A", 1, 16, Long.MIN_VALUE)))),
                "class 0: retained size is -9223372036854775808");
    }

    @Test
    void moreNodesThanASummaryHoldsAreRefused() {
        List<PathNode> many = new ArrayList<>();
        for (int i = 0; i <= SummaryBuilder.MAX_NODES; i++) {
            many.add(node(i - 1, "app.N", 1));
        }
        assertRefused(summary(many), "30001 path nodes, more than the 30000 a summary holds");
    }

    private void assertRefused(DumpSummary summary, String why) {
        assertThatThrownBy(() -> readBack(summary))
                .isInstanceOf(SummaryFormat.Damaged.class)
                .hasMessageStartingWith("its content is impossible: ")
                .hasMessageContaining(why);
    }

    private DumpSummary readBack(DumpSummary summary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryFormat.write(out, summary);
        return SummaryFormat.read(Files.write(dir.resolve("s.leakprobe-summary"), out.toByteArray()));
    }

    private static DumpSummary with(UnaryOperator<DumpSummary> change) {
        return change.apply(summary(List.of(node(-1, "app.A", 1))));
    }

    private static PathNode node(int parent, String className, long count) {
        return new PathNode(parent, className, false, null, null, count, 16 * Math.max(0, count), 100, 0, null);
    }

    static DumpSummary summary(List<PathNode> nodes) {
        return new DumpSummary(
                DumpSummary.FORMAT,
                new DumpKey(1234, 5678, "ab".repeat(32)),
                10,
                1000,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(new ClassStats("app.A", 1, 16, 100)),
                List.of(),
                nodes,
                Map.of(),
                new DumpSource("a.hprof", 1, "signal", 42L, 1234));
    }

    private static DumpSummary copy(DumpSummary s, List<PathNode> nodes, List<ClassStats> classes) {
        return new DumpSummary(
                s.format(),
                s.key(),
                s.objects(),
                s.heapBytes(),
                s.directBytes(),
                s.directCount(),
                s.mappedBytes(),
                s.mappedCount(),
                s.warnings(),
                classes,
                s.dominators(),
                nodes,
                s.siteCounts(),
                s.source());
    }
}
