package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
