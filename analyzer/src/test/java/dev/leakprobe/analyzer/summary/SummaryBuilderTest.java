package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.Progress;
import java.util.List;
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

        long nodeCount = summary.nodes().stream()
                .filter(n -> n.className().equals("app.Node") && !n.classObject())
                .mapToLong(PathNode::count)
                .sum();
        assertThat(nodeCount).isEqualTo(40);
        // Two rounds of (Node, ArrayList, Object[]) are kept apart, then the structure cycles.
        assertThat(summary.nodes().stream().filter(n -> n.className().equals("app.Node") && !n.classObject()))
                .hasSize(2);
        long retainedOfNodes = summary.nodes().stream()
                .filter(n -> n.className().equals("app.Node") && !n.classObject())
                .mapToLong(PathNode::retained)
                .max()
                .orElseThrow();
        assertThat(retainedOfNodes).isEqualTo(heap.retained(heap.dominated(registry)[0]));
        ClassStats nodes = summary.classes().stream()
                .filter(c -> c.name().equals("app.Node"))
                .findFirst()
                .orElseThrow();
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
                .extracting(PathNode::count)
                .containsExactlyInAnyOrder(1L, 5L);
        assertThat(summary.nodes().stream().filter(n -> n.className().equals("app.Room") && !n.classObject()))
                .extracting(PathNode::count)
                .containsExactly(15L);
        assertThat(HeapSnapshot.ROOT).isEqualTo(-1);
    }

    @Test
    void aRoomAThreadAlsoHoldsStaysUnderTheMapAlthoughNothingDominatesIt() {
        FakeHeap heap = new FakeHeap();
        int registry = heap.defineClass("app.Registry");
        int mapType = heap.defineClass("java.util.HashMap");
        int roomType = heap.defineClass("app.Room");
        int listType = heap.defineClass("java.util.ArrayList");
        int memberType = heap.defineClass("app.Member");
        int threadType = heap.defineClass("java.lang.Thread");
        int map = heap.add(mapType, registry, 48, "ROOMS");
        // The map and a thread's local both hold the room: it sits at the top of the dominator tree.
        int room = heap.addShared(roomType, HeapSnapshot.ROOT, 16);
        heap.ref(map, room, "value");
        int thread = heap.add(threadType, HeapSnapshot.ROOT, 120, null);
        heap.thread(thread);
        heap.ref(thread, room, null);
        int list = heap.add(listType, room, 24, "members");
        for (int i = 0; i < 3; i++) {
            heap.add(memberType, list, 100, "[]");
        }

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        List<PathNode> nodes = summary.nodes();
        PathNode members = nodes.stream()
                .filter(n -> n.className().equals("app.Member") && !n.classObject())
                .findFirst()
                .orElseThrow();
        assertThat(members.count()).isEqualTo(3);
        assertThat(members.retained()).isEqualTo(300);
        PathNode listNode = nodes.get(members.parent());
        PathNode roomNode = nodes.get(listNode.parent());
        assertThat(roomNode.className()).isEqualTo("app.Room");
        assertThat(roomNode.field()).isEqualTo("value");
        assertThat(roomNode.retained()).isEqualTo(16 + 24 + 300);
        PathNode mapNode = nodes.get(roomNode.parent());
        assertThat(mapNode.className()).isEqualTo("java.util.HashMap");
        assertThat(mapNode.field()).isEqualTo("ROOMS");
        // The map dominates only itself: the room's size is not added to it.
        assertThat(mapNode.retained()).isEqualTo(48);
        assertThat(nodes.get(mapNode.parent()).className()).isEqualTo("app.Registry");
    }

    @Test
    void anObjectReachedThroughOthersItsDominatorHoldsIsNotCountedTwice() {
        FakeHeap heap = new FakeHeap();
        int registry = heap.defineClass("app.Registry");
        int holderType = heap.defineClass("app.Holder");
        int linkType = heap.defineClass("app.Link");
        // Registry.TOP → Holder → two Links → one inner Holder: the outer Holder dominates the inner one but does
        // not refer to it, so the inner one goes under the first Link's node while its size is inside the outer one.
        int outer = heap.add(holderType, registry, 100, "TOP");
        int first = heap.add(linkType, outer, 10, "a");
        int second = heap.add(linkType, outer, 10, "b");
        int inner = heap.addShared(holderType, outer, 50);
        heap.ref(first, inner, "next");
        heap.ref(second, inner, "next");

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        ClassStats holders = summary.classes().stream()
                .filter(c -> c.name().equals("app.Holder"))
                .findFirst()
                .orElseThrow();
        assertThat(holders.count()).isEqualTo(2);
        // Only the outer Holder's retained size: the inner one is inside it.
        assertThat(holders.retained()).isEqualTo(170);
        PathNode innerNode = summary.nodes().stream()
                .filter(n -> n.className().equals("app.Holder") && n.count() == 1 && "next".equals(n.field()))
                .findFirst()
                .orElseThrow();
        assertThat(summary.nodes().get(innerNode.parent()).className()).isEqualTo("app.Link");
        assertThat(innerNode.retained()).isEqualTo(50);
    }

    @Test
    void ofTwoEquallyShortPathsTheSameOneWinsWhateverTheOrderOfObjects() {
        // The same heap twice, its two roots created in opposite orders (as a collector moving them would do).
        assertThat(pathOfSharedList(true)).isEqualTo("app.Alpha.x").isEqualTo(pathOfSharedList(false));
    }

    /** Two roots of classes Alpha and Beta both refer to one list: which field leads to it? */
    private static String pathOfSharedList(boolean alphaFirst) {
        FakeHeap heap = new FakeHeap();
        int alphaType = heap.defineClass("app.Alpha");
        int betaType = heap.defineClass("app.Beta");
        int listType = heap.defineClass("java.util.ArrayList");
        int first = heap.add(alphaFirst ? alphaType : betaType, HeapSnapshot.ROOT, 16, null);
        int second = heap.add(alphaFirst ? betaType : alphaType, HeapSnapshot.ROOT, 16, null);
        int alpha = alphaFirst ? first : second;
        int beta = alphaFirst ? second : first;
        int list = heap.addShared(listType, HeapSnapshot.ROOT, 24);
        heap.ref(alpha, list, "x");
        heap.ref(beta, list, "y");

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        PathNode node = summary.nodes().stream()
                .filter(n -> n.className().equals("java.util.ArrayList") && !n.classObject())
                .findFirst()
                .orElseThrow();
        return summary.nodes().get(node.parent()).className() + "." + node.field();
    }

    @Test
    void aNodeUnderSeveralThreadsNamesTheFirstAndLastAndCountsThem() {
        FakeHeap heap = new FakeHeap();
        int threadType = heap.defineClass("java.lang.Thread");
        int listType = heap.defineClass("java.util.ArrayList");
        int itemType = heap.defineClass("app.Item");
        for (String name : List.of("import-worker-10", "import-worker-2", "import-worker-1")) {
            int thread = heap.add(threadType, HeapSnapshot.ROOT, 120, null);
            heap.thread(thread);
            heap.label(thread, "java.lang.Thread \"" + name + "\"");
            int list = heap.add(listType, thread, 24, "stack");
            heap.add(itemType, list, 100, "[]");
        }

        DumpSummary summary = SummaryBuilder.build(heap, "fake", Progress.NONE);

        PathNode items = summary.nodes().stream()
                .filter(n -> n.className().equals("app.Item") && !n.classObject())
                .findFirst()
                .orElseThrow();
        assertThat(items.count()).isEqualTo(3);
        assertThat(items.rootThreadCount()).isEqualTo(3);
        assertThat(items.rootThread()).isEqualTo("import-worker-1");
        assertThat(items.lastRootThread()).isEqualTo("import-worker-10");
    }
}
