package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.fixture.PlantedDumps;
import dev.leakprobe.analyzer.summary.SummaryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary cache beside the dumps: hit, miss, stale (the dump changed), corrupt; never trusted when wrong. */
class CacheIT {

    @TempDir
    Path dir;

    List<Path> dumps = new ArrayList<>();

    @BeforeEach
    void copyDumps() throws IOException {
        for (Path dump : PlantedDumps.of("rooms")) {
            Path copy = Files.copy(dump, dir.resolve(dump.getFileName()));
            Files.setLastModifiedTime(copy, Files.getLastModifiedTime(dump));
            dumps.add(copy);
        }
    }

    @Test
    void missThenHitThenOnlyTheNewDumpIsParsed() {
        Cli.Result cold = diff(dumps.subList(0, 2));
        assertThat(cold.exitCode()).as(cold.err()).isZero();
        assertThat(cold.err()).doesNotContain("summary from cache");

        Cli.Result more = diff(dumps);

        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(more.err())
                .contains(
                        "rooms-1.hprof: summary from cache",
                        "rooms-2.hprof: summary from cache",
                        "rooms-3.hprof: summarised");
        assertThat(more.out()).contains("Session objects (+", " accumulate in Room.members (ArrayList)");
    }

    @Test
    void aCorruptCacheIsRebuilt() throws IOException {
        assertThat(diff(dumps).exitCode()).isZero();
        Path cache = SummaryCache.besideFile(dumps.get(0));
        Files.writeString(cache, "not gzip at all");

        Cli.Result result = diff(dumps);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains(
                        cache + ": a damaged summary (no leakprobe summary header), not used",
                        "rooms-1.hprof: summarised",
                        "rooms-2.hprof: summary from cache");
        assertThat(result.out()).contains("6,000 Session objects");
        assertThat(diff(dumps).err()).contains("rooms-1.hprof: summary from cache");
    }

    /**
     * Issue 14, item 3: one bit flipped inside the gzip of a cached summary was trusted; a count of 25 read as 2 and
     * {@code --fail-on-growth} exited 0 instead of 3. Flips at seeded offsets (our header, gzip's header, its body,
     * its CRC and length) must each be said in one line and rebuilt, with the verdict of the clean run.
     */
    @Test
    void aBitFlippedAnywhereInACachedSummaryIsSaidAndRebuiltNeverUsed() throws IOException {
        Cli.Result clean = diff(dumps, "--fail-on-growth", "1MB");
        assertThat(clean.exitCode()).as(clean.err()).isEqualTo(3);
        Path cache = SummaryCache.besideFile(dumps.get(2));
        byte[] good = Files.readAllBytes(cache);
        java.util.Random random = new java.util.Random(14);
        int header = 83;
        List<Integer> offsets = new ArrayList<>(List.of(header + 4, header + 9, good.length - 6, good.length - 1));
        while (offsets.size() < 12) {
            offsets.add(header + 10 + random.nextInt(good.length - header - 18));
        }
        for (int offset : offsets) {
            byte[] flipped = good.clone();
            flipped[offset] ^= (byte) (1 << random.nextInt(8));
            Files.write(cache, flipped);

            Cli.Result run = diff(dumps, "--fail-on-growth", "1MB");

            assertThat(run.err()).as("flip at %d", offset).doesNotContain("rooms-3.hprof: summary from cache");
            assertThat(run.exitCode()).as("flip at %d: %s", offset, run.err()).isEqualTo(3);
            assertThat(run.err())
                    .as("flip at %d", offset)
                    .contains(
                            cache + ": a damaged summary (",
                            "rooms-3.hprof: summarised",
                            "rooms-1.hprof: summary from cache");
            assertThat(run.err().lines().filter(l -> l.contains("damaged"))).hasSize(1);
            assertThat(verdict(run)).isEqualTo(verdict(clean));
        }
        assertThat(Files.readAllBytes(cache)).as("rebuilt as it was").isEqualTo(good);
    }

    /** The terminal's answer without the report paths (a new name every run). */
    private static List<String> verdict(Cli.Result result) {
        return result.out()
                .lines()
                .filter(l -> !l.startsWith("JSON report:") && !l.startsWith("HTML report:"))
                .toList();
    }

    @Test
    void aStaleCacheIsRebuiltWhenTheDumpChanges() throws IOException {
        assertThat(diff(dumps).exitCode()).isZero();
        // Same name, other content: dump 3 replaced by dump 1 (the cache key sees size, time and first bytes).
        Files.copy(dumps.get(0), dumps.get(2), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(dumps.get(2), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        // Not with dump 1 itself: two inputs that hold one dump are refused (issue 19, item 6).
        Cli.Result result = diff(dumps.subList(1, 3));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("rooms-3.hprof: summarised");
        assertThat(result.out()).contains("No leak suspect");
    }

    @Test
    void aTouchedDumpIsReparsed() throws IOException {
        assertThat(diff(dumps).exitCode()).isZero();
        Files.setLastModifiedTime(
                dumps.get(1),
                FileTime.fromMillis(Files.getLastModifiedTime(dumps.get(1)).toMillis() + 1));

        assertThat(diff(dumps).err()).contains("rooms-2.hprof: summarised", "rooms-1.hprof: summary from cache");
    }

    private Cli.Result diff(List<Path> which, String... extra) {
        List<String> args =
                new ArrayList<>(List.of("--json", dir.resolve("r.json").toString()));
        args.addAll(List.of(extra));
        // --verbose: the per-dump lines ("summary from cache") say what was parsed; stderr is no terminal here.
        args.add("--verbose");
        return Cli.run(DiffIT.args(which, "diff", args.toArray(String[]::new)));
    }

    /** Issue 14, item 8: summaries were 0644 although they carry strings of a 0600 dump. */
    @Test
    void summariesArePrivateAndTheUserCacheFolderIsOwnerOnly() throws IOException {
        assertThat(diff(dumps).exitCode()).isZero();
        assertThat(mode(SummaryCache.besideFile(dumps.get(0)))).isEqualTo("rw-------");

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Path dump = Files.copy(dumps.get(0), readOnly.resolve("one.hprof"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path cache = dir.resolve("home/.cache/leakprobe");
        Cli.Result result = Cli.run(
                "analyze",
                dump.toString(),
                "--cache-dir",
                cache.toString(),
                "--json",
                dir.resolve("a.json").toString(),
                "--html",
                dir.resolve("a.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(mode(cache)).isEqualTo("rwx------");
        try (var files = Files.list(cache)) {
            assertThat(files).singleElement().satisfies(f -> assertThat(mode(f)).isEqualTo("rw-------"));
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
