package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00.500Z");

    /** Issue 14, item 7: two runs in one second wrote the same default names, one over the other. */
    @Test
    void twoRunsInTheSameSecondGetTwoNames() throws Exception {
        ReportFiles.Written first = ReportFiles.write(dir, null, null, "diff", NOW, bytes("{\"run\":1}"), bytes("1"));
        ReportFiles.Written second = ReportFiles.write(dir, null, null, "diff", NOW, bytes("{\"run\":2}"), bytes("2"));

        assertThat(first.json().getFileName().toString()).isEqualTo("leakprobe-diff-20261126-050000.json");
        assertThat(first.html().getFileName().toString()).isEqualTo("leakprobe-diff-20261126-050000.html");
        assertThat(second.json().getFileName().toString()).isEqualTo("leakprobe-diff-20261126-050000-2.json");
        assertThat(second.html().getFileName().toString()).isEqualTo("leakprobe-diff-20261126-050000-2.html");
        assertThat(first.json()).hasContent("{\"run\":1}");
        assertThat(second.json()).hasContent("{\"run\":2}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(4); // no temporary file left
        }
    }

    @Test
    void aNameTakenByAnotherRunsPageMovesBothReportsOn() throws Exception {
        Files.writeString(dir.resolve("leakprobe-analyze-20261126-050000.html"), "someone else's");

        ReportFiles.Written written = ReportFiles.write(dir, null, null, "analyze", NOW, bytes("{}"), bytes("p"));

        assertThat(written.json().getFileName().toString()).isEqualTo("leakprobe-analyze-20261126-050000-2.json");
        assertThat(dir.resolve("leakprobe-analyze-20261126-050000.json")).doesNotExist();
        assertThat(dir.resolve("leakprobe-analyze-20261126-050000.html")).hasContent("someone else's");
    }

    @Test
    void givenNamesAreReplacedWholeAndAPageThatCouldNotBeMadeIsLeftOut() throws Exception {
        Path json = dir.resolve("out/leak.json");
        ReportFiles.write(dir, json, null, "diff", NOW, bytes("old"), null);
        ReportFiles.Written written = ReportFiles.write(dir, json, null, "diff", NOW, bytes("new"), null);

        assertThat(written.html()).isNull();
        assertThat(json).hasContent("new");
        try (Stream<Path> files = Files.list(json.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    /** Issue 19, item 1: a FIFO was replaced by a regular file, and its reader got nothing. */
    @Test
    void aFifoIsWrittenThroughAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("page.fifo");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        ReportFiles.write(dir, null, fifo, "diff", NOW, bytes("{}"), bytes("<html>page</html>"));

        assertThat(read.get(60, TimeUnit.SECONDS)).asString().isEqualTo("<html>page</html>");
        assertThat(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .isOther())
                .isTrue();
    }

    /** Issue 19, items 1 and 15: /dev/full was replaced by a regular file (as root); a full disk must name the file. */
    @Test
    void aDeviceIsWrittenThroughAndAFullOneIsNamed() throws Exception {
        Path full = dir.resolve("full");
        // A device node of our own with /dev/full's numbers (1, 7): root may make it, and no shared node is at risk.
        assumeTrue(run("mknod", full.toString(), "c", "1", "7"), "mknod (root only)");

        assertThatThrownBy(() -> ReportFiles.write(dir, full, null, "diff", NOW, bytes("{}"), null))
                .isInstanceOf(ReportWriteException.class)
                .hasMessage("cannot write " + full + ": No space left on device");
        assertThat(Files.readAttributes(full, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .isOther())
                .isTrue();
    }

    /** Issue 19, item 1: a link (such as /dev/stdout) was replaced by a file; the file it names gets the report. */
    @Test
    void aLinkStaysALinkAndTheFileItNamesGetsTheReport() throws Exception {
        Path file = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), file);

        ReportFiles.write(dir, link, null, "diff", NOW, bytes("new"), null);

        assertThat(link).isSymbolicLink();
        assertThat(file).hasContent("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(2); // no temporary file left
        }
    }

    @Test
    void aLinkToAPipeIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        Path link = Files.createSymbolicLink(dir.resolve("stdout"), fifo);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        ReportFiles.write(dir, link, null, "diff", NOW, bytes("{\"a\":1}"), null);

        assertThat(read.get(60, TimeUnit.SECONDS)).asString().isEqualTo("{\"a\":1}");
        assertThat(link).isSymbolicLink();
    }

    @Test
    void aDashIsStandardOutput() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        ReportFiles.Written written = ReportFiles.write(
                dir, ReportFiles.STDOUT, dir.resolve("p.html"), "diff", NOW, bytes("{}"), bytes("p"), stdout);

        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(written.json()).isEqualTo(ReportFiles.STDOUT);
        assertThat(dir.resolve("-")).doesNotExist();
        assertThat(dir.resolve("p.html")).hasContent("p");
    }

    @Test
    void aFolderInTheWayIsNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("report.json"));

        assertThatThrownBy(() -> ReportFiles.write(dir, folder, null, "diff", NOW, bytes("{}"), null))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageContaining(folder.toString());
        assertThat(folder).isDirectory();
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
