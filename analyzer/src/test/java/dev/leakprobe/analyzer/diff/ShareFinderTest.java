package dev.leakprobe.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.summary.ClassStats;
import dev.leakprobe.analyzer.summary.DumpKey;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Single-dump suspects on a hand-made summary of a 50 MB heap. */
class ShareFinderTest {

    private static final long MB = 1 << 20;

    private static DumpSummary summary(List<PathNode> nodes, List<ClassStats> classes) {
        return new DumpSummary(
                DumpSummary.FORMAT,
                new DumpKey(1, 1, "x"),
                100_000,
                50 * MB,
                0,
                0,
                0,
                0,
                List.of(),
                classes,
                List.of(),
                nodes,
                Map.of(),
                null);
    }

    @Test
    void aCrowdUnderOneHolderAndOneHugeObjectAreSuspectsAndSmallThingsAreNot() {
        List<PathNode> nodes = List.of(
                new PathNode(-1, "app.Registry", true, null, "System class", 1, 100, 32 * MB, 0, null),
                new PathNode(0, "java.util.ArrayList", false, "ITEMS", null, 1, 24, 8 * MB, 0, null),
                new PathNode(1, "java.lang.Object[]", false, "elementData", null, 1, 40_000, 8 * MB, 0, null),
                new PathNode(2, "app.Item", false, "[]", null, 8000, 192_000, 8 * MB, 0, null),
                new PathNode(0, "byte[]", false, "BLOB", null, 1, 20 * MB, 20 * MB, 0, null),
                new PathNode(0, "app.Small", false, "SMALL", null, 100, 2400, 2 * MB, 0, null));

        List<Suspect> suspects = new ShareFinder(summary(nodes, List.of()), SuspectRules.DEFAULT).find();

        assertThat(suspects).extracting(Suspect::className).containsExactly("byte[]", "app.Item");
        assertThat(dev.leakprobe.analyzer.report.Wording.description(suspects.get(0), 1))
                .startsWith("One byte[] object retains 20.0 MB (40%");
        assertThat(suspects.get(1).pathText())
                .isEqualTo("Registry.ITEMS → ArrayList.elementData → Object[] → Item ×8000");
        assertThat(suspects.get(1).accumulationPoint())
                .isEqualTo(new AccumulationPoint("java.util.ArrayList", "ITEMS", "app.Registry"));
    }

    @Test
    void instancesOfOneClassSpreadOverPathsAreOneSuspect() {
        List<PathNode> nodes = List.of(
                new PathNode(-1, "app.A", false, null, "Java local", 1, 100, 3 * MB, 0, null),
                new PathNode(0, "app.Cache", false, "cache", null, 1, 100, 3 * MB, 0, null),
                new PathNode(-1, "app.B", false, null, "Java local", 1, 100, 4 * MB, 0, null),
                new PathNode(2, "app.Cache", false, "cache", null, 1, 100, 4 * MB, 0, null));
        List<ClassStats> classes = List.of(
                new ClassStats("app.Cache", 2, 200, 7 * MB), new ClassStats("java.lang.Object[]", 500, 200, 40 * MB));

        List<Suspect> suspects = new ShareFinder(summary(nodes, classes), SuspectRules.DEFAULT).find();

        assertThat(suspects).extracting(Suspect::className).containsExactly("app.Cache");
        assertThat(suspects.get(0).pathText()).isEqualTo("B.cache → Cache ×1");
        assertThat(suspects.get(0).retained()).containsExactly(7 * MB);
    }
}
