package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.fixture.PlantedDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        List<String> args = new ArrayList<>(List.of("diff", "-q", "--json", dir.resolve("r.json").toString(),
                "--html", dir.resolve("r.html").toString()));
        List<String> reversed = new ArrayList<>(summaries);
        java.util.Collections.reverse(reversed);
        args.addAll(reversed);
        deleteTree(machine);
        Cli.Result diff = Cli.run(args.toArray(String[]::new));

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("Session objects (+", " accumulate in Room.members (ArrayList)");
        assertThat(DiffIT.longs(diff.json(dir.resolve("r.json")).path("suspects").get(0).path("count")))
                .isSorted();
    }

    @Test
    void aFileThatIsNoSummaryIsRefusedInOneLine() throws IOException {
        Path bogus = Files.writeString(dir.resolve("x.hprof.leakprobe-summary"), "not a summary");
        Cli.Result diff = Cli.run("diff", "-q", bogus.toString(), bogus.toString());
        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err().strip()).startsWith("leakprobe: ").contains("not a leakprobe summary")
                .doesNotContain("\n");
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
