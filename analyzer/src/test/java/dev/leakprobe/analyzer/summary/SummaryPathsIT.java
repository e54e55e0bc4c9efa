package dev.leakprobe.analyzer.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.heap.mat.MatEngine;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention paths must not move when the dominator of a shared object does: a room that a thread's local also refers
 * to floats to the top of the dominator tree, yet its members stay on one path, with exact counts in every dump.
 */
class SummaryPathsIT {

    private static final String CHILD = SharedOwnerChild.class.getName();

    @TempDir
    Path dir;

    @Test
    void membersOfARoomStayOnOnePathWhileASecondHolderComesAndGoes() throws Exception {
        List<Path> dumps = dumpChild();
        List<String> paths = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Boolean> roomAtTop = new ArrayList<>();
        for (Path dump : dumps) {
            try (HeapSnapshot heap = new DumpOpener(new MatEngine()).open(dump, Progress.NONE)) {
                int[] rooms = heap.instancesOf(CHILD + "$Room");
                assertThat(rooms).hasSize(1);
                roomAtTop.add(heap.dominator(rooms[0]) == HeapSnapshot.ROOT);
                DumpSummary summary =
                        SummaryBuilder.build(heap, dump.getFileName().toString(), Progress.NONE);
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < summary.nodes().size(); i++) {
                    if (summary.nodes().get(i).className().equals(CHILD + "$Member")) {
                        members.add(i);
                    }
                }
                assertThat(members).as("Member nodes in %s", dump).hasSize(1);
                paths.add(pathOf(summary.nodes(), members.get(0)));
                counts.add(summary.nodes().get(members.get(0)).count());
            }
        }
        // The child really made the dominator tree move: otherwise this test proves nothing.
        assertThat(roomAtTop).containsExactly(true, true, false);
        assertThat(counts)
                .containsExactly(
                        1L * SharedOwnerChild.PER_STEP, 2L * SharedOwnerChild.PER_STEP, 3L * SharedOwnerChild.PER_STEP);
        assertThat(paths.get(0))
                .endsWith(CHILD + ".ROOMS → java.util.HashMap.table → java.util.HashMap$Node[].[] → "
                        + "java.util.HashMap$Node.value → " + CHILD
                        + "$Room.members → java.util.ArrayList.elementData → "
                        + "java.lang.Object[].[] → " + CHILD + "$Member");
        assertThat(paths).containsOnly(paths.get(0));
    }

    /** The path of a node from the top: each step is the parent's class and the field that leads on. */
    private static String pathOf(List<PathNode> nodes, int node) {
        StringBuilder text = new StringBuilder(nodes.get(node).key());
        for (int i = node; nodes.get(i).parent() >= 0; i = nodes.get(i).parent()) {
            PathNode parent = nodes.get(nodes.get(i).parent());
            text.insert(0, parent.className() + "." + nodes.get(i).field() + " → ");
        }
        return text.toString();
    }

    private List<Path> dumpChild() throws Exception {
        String java = Path.of(
                        System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
        Process p = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CHILD,
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("child JVM failed: " + output);
        }
        return List.of(dir.resolve("shared-1.hprof"), dir.resolve("shared-2.hprof"), dir.resolve("shared-3.hprof"));
    }
}
