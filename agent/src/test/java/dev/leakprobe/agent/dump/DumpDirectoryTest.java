package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aNewFolderIsOwnerOnly() throws Exception {
        Path dir = tmp.resolve("a/dumps");
        DumpDirectory.ensure(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    /** Issue 14, item 1: an existing shared folder was used without a word. */
    @Test
    void anExistingFolderOthersCanWriteToIsSaidOnceAndLeftAsItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            DumpDirectory.ensure(dir);
            DumpDirectory.ensure(dir);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(dir.toString())))
                .singleElement()
                .asString()
                .contains("WARNING", "writable by other users");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwxrwxrwx");
    }
}
