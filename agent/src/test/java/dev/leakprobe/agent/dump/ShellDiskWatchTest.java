package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 2: the watch beside this JVM truncates the files this JVM has open under the partial dump's name
 * once the free space is below the reserve (here a reserve no disk has), and never a file a planted link names.
 * That it touches nothing above the reserve, every IT that takes a dump shows: each runs under the watch.
 */
class ShellDiskWatchTest {

    @TempDir
    Path tmp;

    @Test
    void belowTheReserveTheOpenPartialFilesAreKeptEmptyAndALinkedFileIsNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dumps")).toRealPath();
        Path partial = dir.resolve(".partial-t-1-20261126-050000-1.hprof");
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.createSymbolicLink(dir.resolve(partial.getFileName() + ".p1"), victim);
        try (FileChannel dump = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel segment = FileChannel.open(dir.resolve(partial.getFileName() + ".p0"),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel linked = FileChannel.open(victim, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            dump.write(ByteBuffer.allocate(1 << 20));
            segment.write(ByteBuffer.allocate(1 << 20));

            DiskWatch.Watching watching = new ShellDiskWatch().start(dir, partial, Long.MAX_VALUE / 2);

            await().atMost(Duration.ofSeconds(30)).until(() -> dump.size() == 0 && segment.size() == 0);
            // HotSpot writes on at its offset: the file is sparse, holding only what came since.
            dump.write(ByteBuffer.allocate(4096));
            assertThat(dump.position()).isEqualTo((1 << 20) + 4096);
            await().atMost(Duration.ofSeconds(30)).until(() -> dump.size() == 0);
            assertThat(watching.stop()).isGreaterThanOrEqualTo(0);
            assertThat(linked.size()).isEqualTo("precious".length());
        }
        assertThat(victim).hasContent("precious");
    }
}
