package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.leakprobe.analyzer.fixture.PlantedDumps;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import dev.leakprobe.analyzer.summary.SummaryCache;
import dev.leakprobe.analyzer.summary.SummaryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summaries made where the dumps lie travel alone, and diff reads them as it reads dumps. */
class SummarizeIT {

    @TempDir
    Path dir;

    @Test
    void diffOfSummariesThatTravelledAloneFindsTheSameLeak() throws IOException {
        Path machine = Files.createDirectories(dir.resolve("machine"));
        List<Path> dumps = new ArrayList<>();
        for (Path dump : PlantedDumps.of("rooms")) {
            dumps.add(Files.copy(dump, machine.resolve(dump.getFileName())));
        }
        Path travelled = dir.resolve("travelled");

        List<String> summarizeArgs = new ArrayList<>(List.of("summarize", "-q", "--out", travelled.toString()));
        dumps.forEach(d -> summarizeArgs.add(d.toString()));
        Cli.Result summarize = Cli.run(summarizeArgs.toArray(String[]::new));
        assertThat(summarize.exitCode()).as(summarize.err()).isZero();
        List<String> summaries = summarize.out().lines().toList();
        assertThat(summaries).hasSize(3).allMatch(s -> s.endsWith(".hprof.leakprobe-summary"));

        // The dumps stay behind: only the summaries are diffed, given in the wrong order on purpose.
        List<String> args = new ArrayList<>(List.of(
                "diff",
                "-q",
                "--json",
                dir.resolve("r.json").toString(),
                "--html",
                dir.resolve("r.html").toString()));
        List<String> reversed = new ArrayList<>(summaries);
        java.util.Collections.reverse(reversed);
        args.addAll(reversed);
        deleteTree(machine);
        Cli.Result diff = Cli.run(args.toArray(String[]::new));

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("Session objects (+", " accumulate in Room.members (ArrayList)");
        assertThat(DiffIT.longs(
                        diff.json(dir.resolve("r.json")).path("suspects").get(0).path("count")))
                .isSorted();
    }

    @Test
    void aFileThatIsNoSummaryIsRefusedInOneLine() throws IOException {
        Path bogus = Files.writeString(dir.resolve("x.hprof.leakprobe-summary"), "not a summary");
        Cli.Result diff = Cli.run("diff", "-q", bogus.toString(), bogus.toString());
        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err().strip())
                .startsWith("leakprobe: ")
                .contains("not a leakprobe summary")
                .doesNotContain("\n");
    }

    /**
     * Issue 14, item 3: a summary with a flipped bit is never used. Travelled alone, with no dump to summarise
     * again, it is refused in one line; beside its dump, the dump is summarised instead, saying so once.
     */
    @Test
    void aDamagedSummaryIsRefusedInOneLineOrGivesWayToItsDump() throws IOException {
        Path machine = Files.createDirectories(dir.resolve("machine"));
        List<String> summarize = new ArrayList<>(List.of("summarize", "-q"));
        for (Path dump : PlantedDumps.of("rooms")) {
            summarize.add(Files.copy(dump, machine.resolve(dump.getFileName())).toString());
        }
        List<String> besideDumps =
                Cli.run(summarize.toArray(String[]::new)).out().lines().toList();
        assertThat(besideDumps).hasSize(3);
        Path travelled = Files.createDirectories(dir.resolve("travelled"));
        List<String> alone = new ArrayList<>();
        for (String summary : besideDumps) {
            alone.add(Files.copy(
                            Path.of(summary), travelled.resolve(Path.of(summary).getFileName()))
                    .toString());
        }
        Path damaged = Path.of(alone.get(2));
        byte[] good = Files.readAllBytes(damaged);
        java.util.Random random = new java.util.Random(3);
        java.util.Map<Integer, Cli.Result> runs = new java.util.TreeMap<>();
        for (int i = 0; i < 8; i++) {
            int offset = random.nextInt(good.length);
            byte[] flipped = good.clone();
            flipped[offset] ^= (byte) (1 << random.nextInt(8));
            Files.write(damaged, flipped);
            runs.put(offset, diffOf(alone));
        }

        runs.forEach((offset, diff) -> assertThat(diff.exitCode())
                .as("flip at %d: %s", offset, diff.out())
                .isEqualTo(2));
        runs.forEach((offset, diff) -> assertThat(diff.err().strip())
                .as("flip at %d", offset)
                .doesNotContain("\n")
                .startsWith("leakprobe: " + damaged + ": not a leakprobe summary, or a damaged one ("));

        Path besideItsDump = Path.of(besideDumps.get(2));
        good = Files.readAllBytes(besideItsDump);
        good[good.length / 2] ^= 0x10;
        Files.write(besideItsDump, good);
        Cli.Result diff = diffOf(besideDumps);

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.err().strip())
                .isEqualTo("leakprobe: " + besideItsDump + ": a damaged summary (its checksum"
                        + " does not match), not used; summarising rooms-3.hprof again");
        assertThat(diff.out()).contains("6,000 Session objects");
        assertThat(diffOf(besideDumps).err()).as("made again beside its dump").isEmpty();
    }

    /**
     * Issue 19, item 6: two copies of one summary, or a dump and a copy of its summary, were diffed as two dumps
     * (exit 0, "memory looks bounded").
     */
    @Test
    void copiesOfOneDumpOrOfItsSummaryAreRefused() throws IOException {
        Path dump = PlantedDumps.of("rooms").get(0);
        Path travelled = dir.resolve("travelled");
        Cli.Result summarize = Cli.run("summarize", "-q", "--out", travelled.toString(), dump.toString());
        assertThat(summarize.exitCode()).as(summarize.err()).isZero();
        Path summary = Path.of(summarize.out().strip());
        Path copy =
                Files.copy(summary, Files.createDirectories(dir.resolve("copy")).resolve(summary.getFileName()));
        Path dumpCopy = Files.copy(dump, dir.resolve("copy-of-rooms-1.hprof"));

        for (List<Path> twice : List.of(List.of(summary, copy), List.of(dump, copy), List.of(dumpCopy, dump))) {
            Cli.Result diff = diffOf(twice.stream().map(Path::toString).toList());
            assertThat(diff.exitCode()).as("%s: %s", twice, diff.out()).isEqualTo(2);
            assertThat(diff.err().strip())
                    .as("%s", twice)
                    .isEqualTo("leakprobe: the same dump given twice: " + twice.get(0) + " and " + twice.get(1)
                            + " hold one dump (its size and first MiB)");
        }
    }

    /**
     * Issue 19, items 5 and 10: a summary whose checksum is right but whose path nodes form a cycle made diff loop
     * until out of memory; a parent past the end gave a stack trace's exit 1. One line, exit 2, at once.
     */
    @Test
    void aSummaryWithACycleOrAParentPastTheEndIsRefusedInOneLine() throws Exception {
        List<Path> dumps = PlantedDumps.of("rooms");
        Path travelled = dir.resolve("travelled");
        Cli.Result summarize = Cli.run(
                "summarize",
                "-q",
                "--out",
                travelled.toString(),
                dumps.get(0).toString(),
                dumps.get(2).toString());
        assertThat(summarize.exitCode()).as(summarize.err()).isZero();
        List<Path> summaries = summarize.out().lines().map(Path::of).toList();
        DumpSummary last = SummaryFiles.read(summaries.get(1));
        int lastNode = last.nodes().size() - 1;

        for (int parent : new int[] {lastNode, last.nodes().size() + 5}) {
            List<PathNode> nodes = new ArrayList<>(last.nodes());
            PathNode top = nodes.get(0);
            // The first node hangs under the last one: with parent = lastNode, the last node's chain comes back to it.
            nodes.set(
                    0,
                    new PathNode(
                            parent,
                            top.className(),
                            top.classObject(),
                            top.field(),
                            top.rootKind(),
                            top.count(),
                            top.shallow(),
                            top.retained(),
                            top.offHeap(),
                            top.label()));
            DumpSummary hostile = new DumpSummary(
                    last.format(),
                    last.key(),
                    last.objects(),
                    last.heapBytes(),
                    last.directBytes(),
                    last.directCount(),
                    last.mappedBytes(),
                    last.mappedCount(),
                    last.warnings(),
                    last.classes(),
                    last.dominators(),
                    nodes,
                    last.siteCounts(),
                    last.source());
            assertThat(SummaryCache.storeAt(summaries.get(1), hostile)).isTrue();

            Cli.Result diff = assertTimeoutPreemptively(
                    Duration.ofMinutes(2),
                    () -> diffOf(summaries.stream().map(Path::toString).toList()));

            assertThat(diff.exitCode()).as("parent %d: %s", parent, diff.err()).isEqualTo(2);
            assertThat(diff.err().strip())
                    .as("parent %d", parent)
                    .doesNotContain("\n")
                    .startsWith("leakprobe: " + summaries.get(1) + ": not a leakprobe summary, or a damaged one (its"
                            + " content is impossible: path node 0 has the parent " + parent);
        }
    }

    private Cli.Result diffOf(List<String> summaries) {
        List<String> args = new ArrayList<>(List.of(
                "diff",
                "-q",
                "--json",
                dir.resolve("r.json").toString(),
                "--html",
                dir.resolve("r.html").toString()));
        args.addAll(summaries);
        return Cli.run(args.toArray(String[]::new));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
