package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 2: a dump never fills the disk. Before, the check was 1.5 × heap used + 64 MB, a dense heap's dump
 * is 2 × heap used, and on a file system with a little more room than that free space reached 0.
 */
class DiskReserveIT {

    private static final long MB = 1L << 20;

    @TempDir
    Path tmp;

    /** A reserve no disk has: the check before the dump must refuse it, in one line, with nothing written. */
    @Test
    void aDumpThatWouldEatIntoTheReserveIsSkippedInOneLineAndClaimedByNoOne() throws Exception {
        Path dir = tmp.resolve("reserve");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,disk-reserve=1000t")
                .env("_JAVA_SR_SIGNUM", "40")
                .start()) {
            jvm.awaitReady();
            jvm.signal("USR2");
            String skipped = jvm.awaitStderr(l -> l.contains("heap dump skipped (signal)"), Duration.ofSeconds(60));
            assertThat(skipped).contains("free in " + dir, "may take up to", "must stay free (disk-reserve=");
            assertThatThrownBy(() -> CliIT.jmxDump(jvm)).hasStackTraceContaining("heap dump skipped: only");
            // `leakprobe dump` signals, sees the agent's refusal and says it, rather than waiting for a file.
            CliIT.Result cli = CliIT.leakprobe(tmp, "dump", Long.toString(jvm.pid()));
            assertThat(cli.exit()).isNotZero();
            assertThat(cli.stderr()).contains("no dump: skipped: only", "disk-reserve=");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    /**
     * The check before the dump, then the watch while it is written, on a tmpfs of its own in a mount namespace of
     * the child's, so that filling it hurts no one. First the free space is just over the reserve: the dump is skipped,
     * and its line says how much the dump may take. Then there is room for that and the reserve, and while HotSpot
     * writes, another writer takes the room: the agent's watch truncates the dump, the agent deletes it, and the space
     * is back although the JVM held the file open.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("dev.leakprobe.agent.it.SignalDumpIT#jdks")
    void aDumpIsSkippedWhenItWouldEatIntoTheReserveAndAbortedWhenItDoesWhileWritten(String version, Path javaHome)
            throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("fs"));
        long reserve = 200 * MB;
        // 12 M objects of 16 bytes: about 190 MB of heap, a dump of 380 MB. The agent's bound for it is 2.1 × heap
        // used, twice that on JDK 25 (its segment file is copied into the dump): 1300 MB hold that and the reserve.
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .under(privateTmpfs(mount, "1300m"))
                .jvmArg("-Xmx600m")
                .env("_JAVA_SR_SIGNUM", "40")
                .agentOptions("dir=" + mount.resolve("dumps") + ",metrics=off,name=disk,disk-reserve=200m")
                .workload("dense", "12")
                .start()) {
            jvm.awaitReady();
            jvm.awaitStdout("workload dense 12000000", Duration.ofSeconds(120));
            Path fs = Path.of("/proc/" + jvm.pid() + "/root")
                    .resolve(mount.toString().substring(1));
            Path dumps = fs.resolve("dumps");
            Path filler = fs.resolve("filler");

            try (FileChannel fill = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                fillUntilFree(fill, fs, reserve + 8 * MB);
                jvm.signal("USR2");
                String skipped = awaitLine(jvm, "heap dump skipped (signal)");
                assertThat(skipped).contains("200.0 MB must stay free (disk-reserve=200.0 MB)");
                Matcher upTo = Pattern.compile("may take up to (\\d+)\\.\\d MB").matcher(skipped);
                assertThat(upTo.find()).as(skipped).isTrue();
                long mayTake = Long.parseLong(upTo.group(1)) * MB;
                try (Stream<Path> files = Files.list(dumps)) {
                    assertThat(files).isEmpty();
                }

                // Room for the dump's bound and the reserve (and 64 MB more, should the heap have grown a little).
                fill.truncate(Math.max(0, fill.size() - (mayTake + reserve + 64 * MB - usable(fs))));
                assertThat(usable(fs)).isGreaterThanOrEqualTo(mayTake + reserve + 64 * MB);
                jvm.signal("USR2");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> partialBytes(dumps) > MB);
                AtomicLong leastFree = new AtomicLong(Long.MAX_VALUE);
                Thread watching = watchFreeSpace(fs, leastFree);
                // Another writer: the free space falls to 50 MB under the reserve.
                fillUntilFree(fill, fs, reserve - 50 * MB);

                String aborted = awaitLine(jvm, "heap dump aborted (signal)");
                watching.interrupt();
                watching.join();
                assertThat(aborted)
                        .contains(
                                "below the reserve of 200.0 MB (disk-reserve=200.0 MB)",
                                "the partial dump was truncated and deleted");
                assertThat(leastFree.get())
                        .as("the least free space seen: the file system never filled; output:%n%s", jvm.output())
                        .isPositive();
                try (Stream<Path> files = Files.list(dumps)) {
                    assertThat(files).as(jvm.output()).isEmpty();
                }
                long takenBeyondFiller = Files.getFileStore(fs).getTotalSpace() - usable(fs) - fill.size();
                assertThat(takenBeyondFiller)
                        .as("space still taken by the dump")
                        .isLessThan(16 * MB);
                assertThat(jvm.isAlive()).isTrue();
                assertThat(jvm.stderr()).noneMatch(l -> l.contains("dump written"));
            }
        }
    }

    /** Appends 16 MB at a time until no more than {@code free} bytes are left (or one chunk less). */
    private static void fillUntilFree(FileChannel fill, Path fs, long free) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) (16 * MB));
        long left;
        while ((left = usable(fs)) > free) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), left - free));
            while (chunk.hasRemaining()) {
                fill.write(chunk, fill.size());
            }
        }
    }

    /**
     * {@code unshare -m} (with {@code -r} for a user who is not root): the JVM then runs in a mount namespace where a
     * tmpfs of {@code size} is mounted on {@code mountPoint}; the test sees it through {@code /proc/PID/root}.
     */
    private static List<String> privateTmpfs(Path mountPoint, String size) throws Exception {
        List<String> unshare = new ArrayList<>(List.of("unshare"));
        if (!"root".equals(System.getProperty("user.name"))) {
            unshare.add("-r");
        }
        unshare.add("-m");
        Process probe = new ProcessBuilder(concat(unshare, List.of("true")))
                .redirectErrorStream(true)
                .start();
        String why = new String(probe.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(
                probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "no mount namespace can be made here (" + why + "): cannot give the child a small file system");
        return concat(
                unshare,
                List.of(
                        "sh",
                        "-c",
                        "mount -t tmpfs -o size=" + size + ",mode=0700 tmpfs \"$0\"" + " && exec \"$@\"",
                        mountPoint.toString()));
    }

    private static String awaitLine(ChildJvm jvm, String text) {
        try {
            return jvm.awaitStderr(l -> l.contains(text), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            throw new AssertionError("no line with '" + text + "'; output:\n" + jvm.output(), e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long partialBytes(Path dumps) throws IOException {
        if (!Files.isDirectory(dumps)) {
            return 0;
        }
        long bytes = 0;
        try (Stream<Path> files = Files.list(dumps)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(".partial-")) {
                    try {
                        bytes += Files.size(f);
                    } catch (IOException gone) {
                        // merged or deleted meanwhile
                    }
                }
            }
        }
        return bytes;
    }

    private static long usable(Path fs) throws IOException {
        return Files.getFileStore(fs).getUsableSpace();
    }

    private static Thread watchFreeSpace(Path fs, AtomicLong leastFree) {
        Thread t = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            leastFree.accumulateAndGet(usable(fs), Math::min);
                            Thread.sleep(2);
                        } catch (IOException e) {
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "free-space");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
