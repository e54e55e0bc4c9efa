package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.fixture.PlantedDumps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input: one clear line on stderr, exit 2, no report, no scratch files left anywhere. */
class BadInputIT {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        assertOneLineExit2(
                Cli.run("analyze", "-q", dir.resolve("nope.hprof").toString(), "--json", json()), "no such file");
    }

    @Test
    void notHprof() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.hprof"), "hello, I am not a heap dump\n");
        assertOneLineExit2(Cli.run("analyze", "-q", text.toString(), "--json", json()), "not an HPROF heap dump");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.hprof"));
        assertOneLineExit2(Cli.run("analyze", "-q", empty.toString(), "--json", json()), "empty file");
    }

    @Test
    void truncatedDump() throws IOException {
        Path whole = PlantedDumps.of("rooms").get(0);
        Path truncated = dir.resolve("truncated.hprof");
        try (InputStream in = Files.newInputStream(whole);
                OutputStream out = Files.newOutputStream(truncated)) {
            out.write(in.readNBytes((int) (Files.size(whole) / 2)));
        }
        Set<String> scratchBefore = scratchFolders();

        assertOneLineExit2(Cli.run("analyze", "-q", truncated.toString(), "--json", json()), "truncated");
        assertThat(scratchFolders()).isSubsetOf(scratchBefore);
    }

    @Test
    void truncatedGzip() throws IOException {
        Path whole = PlantedDumps.of("rooms").get(0);
        Path gz = dir.resolve("cut.hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(whole, out);
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertOneLineExit2(Cli.run("analyze", "-q", gz.toString(), "--json", json()), "truncated");
    }

    @Test
    void diffOfOneDumpIsAUsageError() {
        Cli.Result result =
                Cli.run("diff", "-q", PlantedDumps.of("rooms").get(0).toString());
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void aBadSizeIsAUsageError() {
        List<Path> rooms = PlantedDumps.of("rooms");
        Cli.Result result =
                Cli.run("diff", "-q", rooms.get(0).toString(), rooms.get(1).toString(), "--fail-on-growth", "lots");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a size");
    }

    /** Issue 14, item 14: a dump diffed against itself under a second name showed no growth, as if measured. */
    @Test
    void theSameDumpUnderASecondNameIsRefused() throws IOException {
        Path dump = Files.copy(PlantedDumps.of("rooms").get(0), dir.resolve("a.hprof"));
        Path hardLink = Files.createLink(dir.resolve("b.hprof"), dump);
        Path symlink = Files.createSymbolicLink(dir.resolve("c.hprof"), dump);

        assertOneLineExit2(
                Cli.run("diff", "-q", dump.toString(), hardLink.toString(), "--json", json()),
                "the same dump given twice: " + dump + " and " + hardLink);
        assertOneLineExit2(
                Cli.run("diff", "-q", symlink.toString(), dump.toString(), "--json", json()),
                "the same dump given twice: " + symlink + " and " + dump);
    }

    @Test
    void aGzippedDumpOpensAndLeavesNothingBehind() throws IOException {
        Path whole = PlantedDumps.of("rooms").get(2);
        Path folder = Files.createDirectories(dir.resolve("gz"));
        Path gz = folder.resolve("rooms.hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(whole, out);
        }
        Set<String> scratchBefore = scratchFolders();

        Cli.Result result = Cli.run(
                "analyze",
                "-q",
                "--no-cache",
                gz.toString(),
                "--json",
                json(),
                "--html",
                dir.resolve("r.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Session");
        assertThat(list(folder)).containsExactly("rooms.hprof.gz");
        assertThat(scratchFolders()).isSubsetOf(scratchBefore);
    }

    @Test
    void aReadOnlyFolderAnalysesNormallyAndStaysUntouched() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ro"));
        List<Path> rooms = PlantedDumps.of("rooms");
        Path a = Files.copy(rooms.get(0), folder.resolve("a.hprof"));
        Path b = Files.copy(rooms.get(2), folder.resolve("b.hprof"));
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path cache = dir.resolve("user-cache");
        Set<String> scratchBefore = scratchFolders();
        try {
            Cli.Result result = Cli.run(
                    "diff",
                    "-q",
                    a.toString(),
                    b.toString(),
                    "--cache-dir",
                    cache.toString(),
                    "--json",
                    json(),
                    "--html",
                    dir.resolve("r.html").toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("Session objects (+", " accumulate in Room.members (ArrayList)");
            assertThat(list(folder)).containsExactlyInAnyOrder("a.hprof", "b.hprof");
            assertThat(list(cache)).hasSize(2).allMatch(n -> n.endsWith(".leakprobe-summary"));
            assertThat(scratchFolders()).isSubsetOf(scratchBefore);
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Issue 19, item 15: a full disk gave exit 2 and "No space left on device" without the file's name. */
    @Test
    void aFullDiskIsExit4AndNamesTheReport() throws Exception {
        Path full = dir.resolve("full.json");
        // A device node of our own with /dev/full's numbers: writes to it fail as on a full disk (root only).
        Process mknod = new ProcessBuilder("mknod", full.toString(), "c", "1", "7").start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mknod.waitFor() == 0, "mknod (root only)");

        Cli.Result result = Cli.run(
                "analyze", "-q", PlantedDumps.of("rooms").get(0).toString(), "--json", full.toString(), "--html", "-");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        // The terminal summary goes to stderr too (the page goes to stdout): the failure is the last line.
        assertThat(result.err().strip().lines().reduce((a, b) -> b))
                .hasValue("leakprobe: cannot write " + full + ": No space left on device");
        assertThat(full).satisfies(f -> assertThat(Files.isRegularFile(f)).isFalse());
    }

    /** Issue 19, item 1: {@code -} is standard output, and the terminal summary then goes to stderr. */
    @Test
    void aDashWritesTheReportToStandardOutput() throws Exception {
        Cli.Result result =
                Cli.run("analyze", "-q", PlantedDumps.of("rooms").get(0).toString(), "--json", "-", "--html", html());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(result.out())
                        .path("kind")
                        .asText())
                .isEqualTo("analyze");
        assertThat(result.err()).contains("HTML report: " + html());
        assertThat(dir.resolve("-")).doesNotExist();
    }

    private String html() {
        return dir.resolve("report.html").toString();
    }

    private String json() {
        return dir.resolve("report.json").toString();
    }

    private void assertOneLineExit2(Cli.Result result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().strip().lines().toList()).hasSize(1);
        assertThat(result.err()).startsWith("leakprobe: ").contains(expected);
        assertThat(dir.resolve("report.json")).doesNotExist();
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Our engine scratch folders in the temporary folder ({@code leakprobe-<digits>}). */
    static Set<String> scratchFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("leakprobe-\\d+"))
                    .collect(Collectors.toSet());
        }
    }
}
