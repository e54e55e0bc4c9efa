package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.Progress;
import org.junit.jupiter.api.Test;

/** The retention-path tree of hand-made heaps. */
class SummaryBuilderTest {

    @Test
    void aRecursiveStructureBecomesAFewNodesWithoutCountingSizesTwice() {
        FakeHeap heap = new FakeHeap();
        int registry = heap.defineClass("app.Registry");
        int node = heap.defineClass("app.Node");
        int list = heap.defineClass("java.util.ArrayList");
        int array = heap.defineClass("java.lang.Object[]");
        // Registry.TREE → Node → ArrayList → Object[] → Node → ... 40 levels deep.
        int parent = heap.add(node, registry, 100, "TREE");
        for (int level = 1; level < 40; level++) {
            int children = heap.add(list, parent, 24, "children");
            int elements = heap.add(array, children, 16, "elementData");
            parent = heap.add(node, elements, 100, "[]");
        }

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        long nodeCount = summary.nodes().stream().filter(n -> n.className().equals("app.Node") && !n.classObject())
                .mapToLong(PathNode::count).sum();
        assertThat(nodeCount).isEqualTo(40);
        // Two rounds of (Node, ArrayList, Object[]) are kept apart, then the structure cycles.
        assertThat(summary.nodes().stream().filter(n -> n.className().equals("app.Node") && !n.classObject())).hasSize(2);
        long retainedOfNodes = summary.nodes().stream().filter(n -> n.className().equals("app.Node") && !n.classObject())
                .mapToLong(PathNode::retained).max().orElseThrow();
        assertThat(retainedOfNodes).isEqualTo(heap.retained(heap.dominated(registry)[0]));
        ClassStats nodes = summary.classes().stream().filter(c -> c.name().equals("app.Node")).findFirst().orElseThrow();
        assertThat(nodes.count()).isEqualTo(40);
        assertThat(nodes.retained()).isEqualTo(40 * 140 - 40);
    }

    @Test
    void aMapOfMapsKeepsItsInnerMapsApart() {
        FakeHeap heap = new FakeHeap();
        int registry = heap.defineClass("app.Registry");
        int map = heap.defineClass("java.util.HashMap");
        int table = heap.defineClass("java.util.HashMap$Node[]");
        int entry = heap.defineClass("java.util.HashMap$Node");
        int room = heap.defineClass("app.Room");
        int outer = heap.add(map, registry, 48, "ROOMS");
        int outerTable = heap.add(table, outer, 80, "table");
        for (int r = 0; r < 5; r++) {
            int e = heap.add(entry, outerTable, 32, "[]");
            int inner = heap.add(map, e, 48, "value");
            int innerTable = heap.add(table, inner, 80, "table");
            for (int i = 0; i < 3; i++) {
                int ie = heap.add(entry, innerTable, 32, "[]");
                heap.add(room, ie, 64, "value");
            }
        }

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        assertThat(summary.nodes().stream().filter(n -> n.className().equals("java.util.HashMap") && !n.classObject()))
                .extracting(PathNode::count).containsExactlyInAnyOrder(1L, 5L);
        assertThat(summary.nodes().stream().filter(n -> n.className().equals("app.Room") && !n.classObject()))
                .extracting(PathNode::count).containsExactly(15L);
        assertThat(HeapSnapshot.ROOT).isEqualTo(-1);
    }
}
