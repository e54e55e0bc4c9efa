package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 2: once the free space is below the reserve (here a reserve no disk has), the watch beside this JVM
 * frees the blocks of the files this JVM has open under the partial dump's name, and never of a file a planted link
 * names. That it touches nothing above the reserve, every IT that takes a dump shows: each runs under the watch.
 */
class ShellDiskWatchTest {

    private static final int MB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void belowTheReserveThePartialFilesLoseTheirBlocksAndALinkedFileDoesNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dumps")).toRealPath();
        Path partial = dir.resolve(".partial-t-1-20261126-050000-1.hprof");
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.createSymbolicLink(dir.resolve(partial.getFileName() + ".p1"), victim);
        try (FileChannel dump = FileChannel.open(
                        partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileChannel segment = FileChannel.open(
                        dir.resolve(partial.getFileName() + ".p0"),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                FileChannel linked = FileChannel.open(victim, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            dump.write(ones(MB));
            segment.write(ones(MB));

            DiskWatch.Watching watching = new ShellDiskWatch().start(dir, partial, Long.MAX_VALUE / 2);

            await().atMost(Duration.ofSeconds(30)).until(() -> zeros(dump, 0) && zeros(segment, 0));
            // The sizes stay (JDK 25 merges a segment up to the size it read), HotSpot writes on at its offset, and
            // what it writes next is freed in turn.
            assertThat(dump.size()).isEqualTo(MB);
            assertThat(segment.size()).isEqualTo(MB);
            dump.write(ones(4096));
            await().atMost(Duration.ofSeconds(30)).until(() -> zeros(dump, MB));
            assertThat(watching.stop()).isGreaterThanOrEqualTo(0);
            assertThat(linked.size()).isEqualTo("precious".length());
        }
        assertThat(victim).hasContent("precious");
    }

    private static ByteBuffer ones(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) 1);
        return ByteBuffer.wrap(b);
    }

    /** Whether the file reads as zeros from {@code offset} to its end (a hole reads as zeros). */
    private static boolean zeros(FileChannel file, long offset) throws Exception {
        ByteBuffer read = ByteBuffer.allocate((int) (file.size() - offset));
        while (read.hasRemaining() && file.read(read, offset + read.position()) > 0) {
            // read it all
        }
        for (byte b : read.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
