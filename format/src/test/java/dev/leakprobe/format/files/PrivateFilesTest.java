package dev.leakprobe.format.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    private Path victim;

    @BeforeEach
    void someoneElsesFile() throws IOException {
        victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void aFileIsWrittenWholeWithMode0600() throws Exception {
        Path file = dir.resolve("a.hprof.json");
        PrivateFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.write(file, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("{\"v\":2}");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(names()).containsExactlyInAnyOrder("a.hprof.json", "victim.txt");
    }

    @Test
    void aLinkPlantedAtTheTargetIsReplacedNeverWrittenThrough() throws Exception {
        Path file = dir.resolve("a.hprof.direct-sites.json");
        Files.createSymbolicLink(file, victim);

        PrivateFiles.write(file, "ours".getBytes(StandardCharsets.UTF_8));

        assertThat(victim).hasContent("precious");
        assertThat(mode(victim)).isEqualTo("rw-r--r--");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(file).hasContent("ours");
    }

    @Test
    void aLinkPlantedAtTheOldPredictableTemporaryNameIsLeftAlone() throws Exception {
        Path planted = dir.resolve(".partial-a.hprof.json");
        Files.createSymbolicLink(planted, victim);

        PrivateFiles.write(dir.resolve("a.hprof.json"), "ours".getBytes(StandardCharsets.UTF_8));

        assertThat(victim).hasContent("precious");
        assertThat(mode(victim)).isEqualTo("rw-r--r--");
        assertThat(Files.isSymbolicLink(planted)).isTrue();
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("a.leakprobe-summary");
        Files.writeString(file, "old");
        assertThatThrownBy(() -> PrivateFiles.write(file, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");

        assertThat(file).hasContent("old");
        assertThat(names()).containsExactlyInAnyOrder("a.leakprobe-summary", "victim.txt");
    }

    @Test
    void appendCreatesAPrivateFileAndRefusesALinkOrASecondName() throws Exception {
        Path metrics = dir.resolve("metrics.jsonl");
        PrivateFiles.append(metrics, "1\n".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.append(metrics, "2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(metrics).hasContent("1\n2");
        assertThat(mode(metrics)).isEqualTo("rw-------");

        Path linked = dir.resolve("other/metrics.jsonl");
        Files.createDirectories(linked.getParent());
        Files.createSymbolicLink(linked, victim);
        assertThatThrownBy(() -> PrivateFiles.append(linked, "x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");

        Path hard = dir.resolve("hard/metrics.jsonl");
        Files.createDirectories(hard.getParent());
        Files.createLink(hard, victim);
        assertThatThrownBy(() -> PrivateFiles.append(hard, "x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hard links");

        assertThat(victim).hasContent("precious");
    }

    @Test
    void writeIfAbsentNeverTakesANameTwice() throws Exception {
        Path report = dir.resolve("report.json");
        assertThat(PrivateFiles.writeSharedIfAbsent(report, out -> out.write('1')))
                .isTrue();
        assertThat(PrivateFiles.writeSharedIfAbsent(report, out -> out.write('2')))
                .isFalse();
        assertThat(report).hasContent("1");
        assertThat(names()).containsExactlyInAnyOrder("report.json", "victim.txt");
    }

    @Test
    void aNewFolderIsOwnerOnlyAndAnExistingSharedOneIsNamedAsUnsafe() throws Exception {
        Path created = dir.resolve("a/b/dumps");
        assertThat(PrivateFiles.ensureDirectory(created)).isEmpty();
        assertThat(mode(created)).isEqualTo("rwx------");

        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PrivateFiles.ensureDirectory(shared))
                .singleElement()
                .asString()
                .contains("writable by other users");
        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    private Stream<String> namesStream() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<String> names = namesStream()) {
            return names.filter(n -> !Files.isDirectory(dir.resolve(n))).toList();
        }
    }
}
