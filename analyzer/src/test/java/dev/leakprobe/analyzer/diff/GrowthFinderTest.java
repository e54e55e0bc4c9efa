package dev.leakprobe.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.summary.DumpKey;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suspect rules on hand-made summaries: holder / growing set / its payload. */
class GrowthFinderTest {

    private static final long KB = 1024;

    /** One dump: a static holder list with {@code items} entries of 1 KiB each. */
    private static DumpSummary dump(long items, long holders) {
        return dump(items, holders, KB, 50L << 20);
    }

    private static DumpSummary dump(long items, long holders, long itemBytes, long heap) {
        List<PathNode> nodes = new ArrayList<>();
        nodes.add(
                new PathNode(-1, "app.Registry", true, null, "System class", 1, 100, 100 + items * itemBytes, 0, null));
        nodes.add(new PathNode(
                0,
                "java.util.ArrayList",
                false,
                "ITEMS",
                null,
                holders,
                24 * holders,
                items * itemBytes + 40 * holders,
                0,
                null));
        nodes.add(new PathNode(
                1,
                "java.lang.Object[]",
                false,
                "elementData",
                null,
                holders,
                16 * holders,
                items * itemBytes,
                0,
                null));
        nodes.add(new PathNode(2, "app.Item", false, "[]", null, items, 24 * items, items * itemBytes, 0, null));
        return new DumpSummary(
                DumpSummary.FORMAT,
                new DumpKey(1, 1, "x"),
                1000 + items,
                heap,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                nodes,
                Map.of(),
                null);
    }

    private static List<Suspect> find(long... items) {
        List<DumpSummary> dumps = new ArrayList<>();
        for (long n : items) {
            dumps.add(dump(n, 1));
        }
        return new GrowthFinder(dumps, SuspectRules.DEFAULT).find();
    }

    @Test
    void steadyGrowthUnderAStableHolderIsASuspect() {
        List<Suspect> suspects = find(1000, 3000, 5000);

        assertThat(suspects).hasSize(1);
        Suspect s = suspects.get(0);
        assertThat(s.className()).isEqualTo("app.Item");
        assertThat(s.accumulationPoint())
                .isEqualTo(new AccumulationPoint("java.util.ArrayList", "ITEMS", "app.Registry"));
        assertThat(s.count()).containsExactly(1000, 3000, 5000);
        assertThat(s.heapDelta()).isEqualTo(4000 * KB);
        assertThat(s.steadiness()).isEqualTo(new Steadiness(2, 2));
        assertThat(s.pathText()).isEqualTo("Registry.ITEMS → ArrayList.elementData → Object[] → Item ×5000");
    }

    @Test
    void growthBelowTheFloorIsNoSuspect() {
        // +900 KiB: under 1 MB.
        assertThat(find(1000, 1500, 1900)).isEmpty();
    }

    @Test
    void aCountThatGoesUpAndDownIsNoAccumulation() {
        assertThat(find(1000, 5000, 2000, 6000)).isEmpty();
    }

    @Test
    void oneJumpInThreeIntervalsIsNotEnoughButOneInTwoIs() {
        assertThat(find(1000, 1000, 1000, 9000)).isEmpty();
        List<Suspect> suspects = find(1000, 1000, 9000);
        assertThat(suspects).hasSize(1);
        assertThat(dev.leakprobe.analyzer.report.Wording.steadiness(
                        suspects.get(0).steadiness()))
                .isEqualTo("grew in 1 of 2 intervals");
        assertThat(suspects.get(0).score()).isEqualTo(suspects.get(0).retainedDelta() * 0.5);
    }

    /** A 2 GB heap: 1% is 20 MB. */
    private static List<Suspect> findInBigHeap(long itemBytes, long... items) {
        List<DumpSummary> dumps = new ArrayList<>();
        for (long n : items) {
            dumps.add(dump(n, 1, itemBytes, 2L << 30));
        }
        return new GrowthFinder(dumps, SuspectRules.DEFAULT).find();
    }

    @Test
    void aSlowSteadyLeakInABigHeapIsASuspectWhateverItsShare() {
        // +4 MB over two steady intervals, a fifth of 1% of the heap.
        assertThat(findInBigHeap(KB, 1000, 3000, 5000)).hasSize(1);
        // Thousands of small objects in every interval: +188 KB only, still a suspect.
        assertThat(findInBigHeap(48, 1000, 3000, 5000)).hasSize(1);
    }

    @Test
    void inABigHeapAJumpOrAnUnsteadyRateStillNeedsItsShare() {
        assertThat(findInBigHeap(KB, 1000, 1000, 5000)).isEmpty();
        // Grew in both intervals, but one step is ten times the other: a jump with some noise.
        assertThat(findInBigHeap(KB, 1000, 1400, 5400)).isEmpty();
        // Two dumps: one interval is no rate.
        assertThat(findInBigHeap(KB, 1000, 5000)).isEmpty();
        // Steady, but a few hundred tiny objects an interval is noise.
        assertThat(findInBigHeap(48, 1000, 1300, 1600)).isEmpty();
    }

    @Test
    void growthUnderAGrowingHolderIsTheHoldersStory() {
        List<DumpSummary> dumps = List.of(dump(1000, 10), dump(5000, 50));
        List<Suspect> suspects = new GrowthFinder(dumps, SuspectRules.DEFAULT).find();

        // The lists themselves multiply (10 → 50 under the class): the accumulation is at the static, one suspect,
        // named after what the lists hold (plumbing is looked through), with the lists among what accumulates.
        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).className()).isEqualTo("app.Item");
        assertThat(suspects.get(0).count()).containsExactly(1000, 5000);
        assertThat(suspects.get(0).accumulated())
                .extracting(Accumulated::className, Accumulated::countDelta)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("java.util.ArrayList", 40L),
                        org.assertj.core.groups.Tuple.tuple("app.Item", 4000L));
        assertThat(suspects.get(0).holder().ownerClassName()).isEqualTo("app.Registry");
        assertThat(suspects.get(0).holder().field()).isEqualTo("ITEMS");
    }

    @Test
    void pathsFromAStaticMatchWhateverDominatesTheClassInEachDump() {
        DumpSummary first = dump(1000, 1);
        DumpSummary second = dump(5000, 1);
        // In the first dump the class object hangs under the main thread; in the second, under no single object.
        List<PathNode> moved = new ArrayList<>();
        moved.add(new PathNode(-1, "java.lang.Thread", false, null, "Thread", 1, 100, 100, 0, null));
        for (PathNode n : first.nodes()) {
            moved.add(new PathNode(
                    n.parent() + 1,
                    n.className(),
                    n.classObject(),
                    n.field(),
                    n.rootKind(),
                    n.count(),
                    n.shallow(),
                    n.retained(),
                    n.offHeap(),
                    n.label()));
        }
        DumpSummary movedFirst = new DumpSummary(
                first.format(),
                first.key(),
                first.objects(),
                first.heapBytes(),
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                moved,
                Map.of(),
                null);

        List<Suspect> suspects = new GrowthFinder(List.of(movedFirst, second), SuspectRules.DEFAULT).find();

        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).count()).containsExactly(1000, 5000);
    }

    @Test
    void aMissingNodeCountsAsZero() {
        List<Suspect> suspects = find(0, 4000);
        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).count()).containsExactly(0, 4000);
    }

    /**
     * One dump of a 30,000-step chain of distinct classes under a static (what a deep trie or a crafted dump gives),
     * with a list at its end holding {@code items} entries of 1 KiB.
     */
    private static DumpSummary deep(int depth, long items) {
        List<PathNode> nodes = new ArrayList<>();
        long bytes = items * KB;
        nodes.add(new PathNode(-1, "app.Trie", true, null, "System class", 1, 100, bytes, 0, null));
        for (int d = 0; d < depth; d++) {
            nodes.add(new PathNode(d, "app.Level" + d, false, d == 0 ? "ROOT" : "next", null, 1, 16, bytes, 0, null));
        }
        nodes.add(new PathNode(depth, "java.util.ArrayList", false, "items", null, 1, 24, bytes, 0, null));
        nodes.add(new PathNode(depth + 1, "java.lang.Object[]", false, "elementData", null, 1, 16, bytes, 0, null));
        nodes.add(new PathNode(depth + 2, "app.Item", false, "[]", null, items, 24 * items, bytes, 0, null));
        return new DumpSummary(
                DumpSummary.FORMAT,
                new DumpKey(1, 1, "x"),
                1000 + items,
                50L << 20,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                nodes,
                Map.of(),
                null);
    }

    @Test
    void aPathTensOfThousandsOfStepsDeepCostsMemoryInProportionToItsDepth() {
        // Keyed by the whole path above each node, three such dumps needed some 5 GB (depth squared): out of memory.
        List<DumpSummary> dumps = List.of(deep(30_000, 1000), deep(30_000, 3000), deep(30_000, 5000));

        List<Suspect> suspects = new GrowthFinder(dumps, SuspectRules.DEFAULT).find();

        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).className()).isEqualTo("app.Item");
        assertThat(suspects.get(0).count()).containsExactly(1000, 3000, 5000);
        assertThat(suspects.get(0).path()).hasSize(30_004);
        assertThat(suspects.get(0).pathText()).contains("[29,964 more steps]").hasSizeLessThan(1000);
        assertThat(suspects.get(0).holder().ownerClassName()).isEqualTo("app.Level29999");
    }

    /**
     * One dump of a two-level tree of pages under a static: {@code leaves / 10} inner pages, each holding ten leaf
     * pages of 1 KiB; inner and leaf pages are path nodes of one class, {@code app.Page}, and the inner pages' retained
     * size holds their leaves'.
     */
    private static DumpSummary tree(long leaves) {
        long inner = leaves / 10;
        long bytes = leaves * KB;
        List<PathNode> nodes = new ArrayList<>();
        nodes.add(new PathNode(-1, "app.Table", true, null, "System class", 1, 100, bytes + 64 * inner, 0, null));
        nodes.add(new PathNode(0, "app.Page[]", false, "ROOT", null, 1, 16, bytes + 64 * inner, 0, null));
        nodes.add(new PathNode(1, "app.Page", false, "[]", null, inner, 24 * inner, bytes + 64 * inner, 0, null));
        nodes.add(new PathNode(2, "app.Page[]", false, "children", null, inner, 40 * inner, bytes, 0, null));
        nodes.add(new PathNode(3, "app.Page", false, "[]", null, leaves, 24 * leaves, bytes, 0, null));
        return new DumpSummary(
                DumpSummary.FORMAT,
                new DumpKey(1, 1, "x"),
                1000 + leaves,
                50L << 20,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                List.of(),
                nodes,
                Map.of(),
                null);
    }

    @Test
    void aClassNestedInItselfCountsItsOutermostPlacesOnly() {
        List<Suspect> suspects =
                new GrowthFinder(List.of(tree(1000), tree(3000), tree(5000)), SuspectRules.DEFAULT).find();

        // Counted once per level, the pages "grew" by twice what the heap did.
        assertThat(suspects).hasSize(1);
        assertThat(suspects.get(0).accumulated())
                .filteredOn(a -> a.className().equals("app.Page"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.countDelta()).isEqualTo(4400);
                    assertThat(a.retainedDelta()).isEqualTo(4000 * KB + 400 * 64);
                });
    }

    @Test
    void whatALambdaCapturedIsNamedWithTheClassThatMadeTheLambda() {
        List<DumpSummary> dumps = new ArrayList<>();
        for (long n : new long[] {1000, 3000, 5000}) {
            long bytes = n * KB;
            List<PathNode> nodes = new ArrayList<>();
            nodes.add(new PathNode(-1, "app.Shutdown", true, null, "System class", 1, 100, bytes, 0, null));
            nodes.add(new PathNode(
                    0, "java.util.concurrent.CompletableFuture", false, "SIGNAL", null, 1, 24, bytes, 0, null));
            nodes.add(new PathNode(
                    1,
                    "java.util.concurrent.CompletableFuture$UniRun",
                    false,
                    "stack",
                    null,
                    n,
                    32 * n,
                    bytes,
                    0,
                    null));
            nodes.add(new PathNode(
                    2,
                    "app.Handler$$Lambda/0x0000000801001000",
                    false,
                    "fn",
                    null,
                    n,
                    16 * n,
                    bytes - 40 * n,
                    0,
                    null));
            nodes.add(new PathNode(3, "app.Request", false, "arg$1", null, n, 24 * n, bytes - 60 * n, 0, null));
            dumps.add(new DumpSummary(
                    DumpSummary.FORMAT,
                    new DumpKey(1, 1, "x"),
                    1000 + n,
                    50L << 20,
                    0,
                    0,
                    0,
                    0,
                    List.of(),
                    List.of(),
                    List.of(),
                    nodes,
                    Map.of(),
                    null));
        }

        Suspect s = new GrowthFinder(dumps, SuspectRules.DEFAULT).find().get(0);

        assertThat(s.className()).isEqualTo("app.Request");
        assertThat(s.capturedBy()).isEqualTo("app.Handler");
        assertThat(s.holder().ownerClassName()).isEqualTo("app.Shutdown");
        assertThat(s.holder().field()).isEqualTo("SIGNAL");
    }

    @Test
    void aLambdaAboveTheHolderHoldsTheContainerNotTheObjects() {
        // The demo: the chat loop's thread runs a lambda that holds the server, whose room lists grow.
        List<DumpSummary> dumps = new ArrayList<>();
        for (long n : new long[] {1000, 3000, 5000}) {
            long bytes = n * KB;
            List<PathNode> nodes = new ArrayList<>();
            nodes.add(new PathNode(-1, "java.lang.Thread", false, null, "Thread", 1, 100, bytes, 0, null));
            nodes.add(new PathNode(0, "app.Server$$Lambda/0x01", false, "target", null, 1, 16, bytes, 0, null));
            nodes.add(new PathNode(1, "app.Room", false, "arg$1", null, 1, 24, bytes, 0, null));
            nodes.add(new PathNode(2, "java.util.ArrayList", false, "members", null, 1, 24, bytes, 0, null));
            nodes.add(new PathNode(3, "java.lang.Object[]", false, "elementData", null, 1, 16, bytes, 0, null));
            nodes.add(new PathNode(4, "app.Session", false, "[]", null, n, 24 * n, bytes, 0, null));
            dumps.add(new DumpSummary(
                    DumpSummary.FORMAT,
                    new DumpKey(1, 1, "x"),
                    1000 + n,
                    50L << 20,
                    0,
                    0,
                    0,
                    0,
                    List.of(),
                    List.of(),
                    List.of(),
                    nodes,
                    Map.of(),
                    null));
        }

        Suspect s = new GrowthFinder(dumps, SuspectRules.DEFAULT).find().get(0);

        assertThat(s.className()).isEqualTo("app.Session");
        assertThat(s.capturedBy()).isNull();
        assertThat(s.holder().ownerClassName()).isEqualTo("app.Room");
        assertThat(s.holder().field()).isEqualTo("members");
    }
}
