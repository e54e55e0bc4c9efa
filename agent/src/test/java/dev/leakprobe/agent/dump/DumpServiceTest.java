package dev.leakprobe.agent.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump service with a stand-in dumper: coalescing, failures, free space, sidecars. */
class DumpServiceTest {

    @TempDir
    Path tmp;

    /** Writes a small fake HPROF, optionally waiting for a latch first. */
    static final class FakeDumper implements HeapDumper {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(0);
        final CountDownLatch firstStarted = new CountDownLatch(1);

        @Override
        public void dump(Path file, boolean live) throws IOException {
            calls.incrementAndGet();
            firstStarted.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            assertThat(file.getFileName().toString()).startsWith(".partial-").endsWith(".hprof");
            assertThat(Files.exists(file)).isFalse();
            Files.writeString(file, "JAVA PROFILE 1.0.2\0fake");
        }
    }

    private DumpService service(Path dir, HeapDumper dumper, long freeBytes) {
        return service(dir, dumper, freeBytes, DiskReserve.ofBytes(0), DiskWatch.NONE, DumpServiceTest::thread);
    }

    private static DumpService service(
            Path dir,
            HeapDumper dumper,
            long freeBytes,
            DiskReserve reserve,
            DiskWatch watch,
            java.util.concurrent.ThreadFactory threads) {
        DumpService s = new DumpService(
                new DumpService.Settings(dir, "t", true, 10, reserve),
                dumper,
                disk(freeBytes, Long.MAX_VALUE / 2),
                watch,
                new DumpSizeEstimate(2.1, 1),
                threads);
        s.start();
        return s;
    }

    static DiskSpace disk(long usable, long total) {
        return new DiskSpace() {
            @Override
            public long usableBytes(Path dir) {
                return usable;
            }

            @Override
            public long totalBytes(Path dir) {
                return total;
            }
        };
    }

    private static Thread thread(Runnable body) {
        Thread t = new Thread(body, "leakprobe-dump-test");
        t.setDaemon(true);
        return t;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void requestsDuringADumpCoalesceIntoOneFollowUp() throws Exception {
        Path dir = tmp.resolve("d");
        FakeDumper dumper = new FakeDumper();
        dumper.release = new CountDownLatch(1);
        DumpService s = service(dir, dumper, Long.MAX_VALUE);

        CompletableFuture<DumpResult> first = s.request(DumpTrigger.SIGNAL);
        assertThat(dumper.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<DumpResult>> storm = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            storm.add(s.request(i % 2 == 0 ? DumpTrigger.SIGNAL : DumpTrigger.JMX));
        }
        dumper.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(DumpResult.Written.class);
        DumpResult followUp = storm.get(0).get(10, TimeUnit.SECONDS);
        assertThat(followUp).isInstanceOf(DumpResult.Written.class);
        for (CompletableFuture<DumpResult> f : storm) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(followUp);
        }
        assertThat(dumper.calls.get()).isEqualTo(2);
        assertThat(s.dumpsWritten()).isEqualTo(2);
        assertThat(((DumpResult.Written) followUp).seq()).isEqualTo(2);
        assertThat(names(dir))
                .hasSize(4)
                .allMatch(n -> n.startsWith("t-" + ProcessHandle.current().pid() + "-"));
        Path dump = ((DumpResult.Written) followUp).file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(Files.readString(dump.resolveSibling(dump.getFileName() + ".json")))
                .contains("\"trigger\":\"signal\"", "\"seq\":2", "\"memory\":{");
    }

    @Test
    void tooLittleFreeSpaceSkipsTheDumpAndWritesNothing() throws Exception {
        Path dir = tmp.resolve("full");
        FakeDumper dumper = new FakeDumper();
        DumpService s = service(dir, dumper, 10L << 20);

        DumpResult result = s.request(DumpTrigger.SCHEDULE).get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(DumpResult.Skipped.class);
        assertThat(result.toString()).contains("free in " + dir, "may take up to", "heap used × 2.1");
        assertThat(dumper.calls.get()).isZero();
        assertThat(names(dir)).isEmpty();
    }

    /** Issue 14, item 2: room for the dump alone is not enough, the reserve must stay free too. */
    @Test
    void aDumpThatWouldEatIntoTheReserveIsSkippedWithOneLineSayingSo() throws Exception {
        Path dir = tmp.resolve("reserve");
        FakeDumper dumper = new FakeDumper();
        long reserve = 1L << 30;
        // Room for the reserve and 10 MB more: less than any dump may take (16 MB of classes and symbols at least).
        DumpService tight = service(
                dir,
                dumper,
                reserve + (10L << 20),
                DiskReserve.ofBytes(reserve),
                DiskWatch.NONE,
                DumpServiceTest::thread);
        DumpResult skipped = tight.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);
        assertThat(skipped).isInstanceOf(DumpResult.Skipped.class);
        assertThat(skipped.toString())
                .contains("1024.0 MB must stay free (disk-reserve=1024.0 MB)")
                .doesNotContain("\n");
        assertThat(dumper.calls.get()).isZero();

        DumpService roomy = service(
                dir,
                dumper,
                reserve + (10L << 30),
                DiskReserve.ofBytes(reserve),
                DiskWatch.NONE,
                DumpServiceTest::thread);
        assertThat(roomy.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS)).isInstanceOf(DumpResult.Written.class);
    }

    /** Issue 14, item 2: crossing the reserve while the dump is written aborts it; nothing of it stays. */
    @Test
    void aDumpThatCrossesTheReserveWhileWrittenIsAbortedAndDeletedAndTheNextOneIsWritten() throws Exception {
        Path dir = tmp.resolve("abort");
        AtomicInteger dumps = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Path> watchedPartial =
                new java.util.concurrent.atomic.AtomicReference<>();
        HeapDumper segmented = (file, live) -> {
            dumps.incrementAndGet();
            Files.writeString(file, "JAVA PROFILE 1.0.2\0head");
            Files.writeString(file.resolveSibling(file.getFileName() + ".p0"), "segment"); // JDK 22+
        };
        DiskWatch crossesOnce = (watchedDir, realPartial, reserveBytes) -> {
            watchedPartial.set(realPartial);
            return () -> dumps.get() == 1 ? 3L << 20 : -1;
        };
        DumpService s = service(
                dir,
                segmented,
                Long.MAX_VALUE / 4,
                DiskReserve.ofBytes(64L << 20),
                crossesOnce,
                DumpServiceTest::thread);

        DumpResult aborted = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);

        assertThat(aborted).isInstanceOf(DumpResult.Skipped.class);
        assertThat(aborted.toString())
                .contains("aborted", "fell to 3.0 MB", "below the reserve of 64.0 MB", "truncated and deleted");
        assertThat(names(dir)).isEmpty();
        assertThat(s.dumpsWritten()).isZero();
        assertThat(watchedPartial.get().getParent()).isEqualTo(dir.toRealPath());
        assertThat(watchedPartial.get().getFileName().toString())
                .startsWith(".partial-t-")
                .endsWith(".hprof");

        DumpResult next = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);
        assertThat(next).isInstanceOf(DumpResult.Written.class);
        assertThat(((DumpResult.Written) next).seq()).isEqualTo(2);
    }

    /** Issue 14, item 4: even saying why a dump failed can fail when the heap is full; the thread must go on. */
    @Test
    void theDumpThreadSurvivesAnOutOfMemoryErrorThatCannotEvenBeDescribed() throws Exception {
        Path dir = tmp.resolve("oom");
        AtomicInteger calls = new AtomicInteger();
        DumpService s = service(
                dir,
                (file, live) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new UndescribableOutOfMemoryError();
                    }
                    Files.writeString(file, "JAVA PROFILE 1.0.2");
                },
                Long.MAX_VALUE / 4);

        DumpResult failed = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);
        assertThat(failed).isInstanceOf(DumpResult.Failed.class);
        assertThat(names(dir)).isEmpty();
        assertThat(s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS)).isInstanceOf(DumpResult.Written.class);
    }

    /** An OutOfMemoryError whose every description needs memory there is none of. */
    static final class UndescribableOutOfMemoryError extends OutOfMemoryError {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new OutOfMemoryError();
        }

        @Override
        public String toString() {
            throw new OutOfMemoryError();
        }
    }

    /** Issue 14, item 4: a dump thread that could not be created (no memory for a thread) is started by the next request. */
    @Test
    void aDumpThreadThatCouldNotStartIsStartedByTheNextRequest() throws Exception {
        Path dir = tmp.resolve("restart");
        AtomicInteger made = new AtomicInteger();
        DumpService s =
                service(dir, new FakeDumper(), Long.MAX_VALUE / 4, DiskReserve.ofBytes(0), DiskWatch.NONE, body -> {
                    if (made.incrementAndGet() == 1) {
                        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
                    }
                    return thread(body);
                });

        assertThat(s.request(DumpTrigger.JMX).get(10, TimeUnit.SECONDS)).isInstanceOf(DumpResult.Written.class);
        assertThat(made.get()).isEqualTo(2);
    }

    /** Issue 14, item 6: System.exit during a dump used to leave the partial dump and an orphan sidecar. */
    @Test
    void anExitDuringTheDumpLeavesNoPartialFileAndNoSidecar() throws Exception {
        Path dir = tmp.resolve("exit");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        DumpService s = service(
                dir,
                (file, live) -> {
                    Files.writeString(file, "JAVA PROFILE 1.0.2\0half");
                    Files.writeString(file.resolveSibling(file.getFileName() + ".p0"), "segment");
                    written.countDown();
                    await(exited); // HotSpot writes on while the shutdown hooks run
                },
                Long.MAX_VALUE / 4);
        Files.createDirectories(dir);
        Path usersOwn = Files.writeString(dir.resolve(".partial-notes.txt"), "mine");

        CompletableFuture<DumpResult> result = s.request(DumpTrigger.SIGNAL);
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        s.abandonForExit();
        assertThat(names(dir)).containsExactly(".partial-notes.txt");
        exited.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS).toString()).contains("cut short: the JVM is exiting");
        assertThat(names(dir)).containsExactly(".partial-notes.txt");
        assertThat(usersOwn).hasContent("mine");
    }

    /** The exit comes after the sidecar was written, while the allocation sites are: nothing of the dump stays. */
    @Test
    void anExitWhileTheSidecarsAreWrittenLeavesNoOrphanSidecar() throws Exception {
        Path dir = tmp.resolve("exit-late");
        DumpService s = service(dir, new FakeDumper(), Long.MAX_VALUE / 4);
        s.addSidecarWriters(List.of(dump -> {
            Files.writeString(dump.resolveSibling(dump.getFileName() + ".direct-sites.json"), "{}");
            s.abandonForExit();
        }));

        assertThat(s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS).toString())
                .contains("cut short");
        assertThat(names(dir)).isEmpty();
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Test
    void aFailingDumpLeavesNoFilesAndTheServiceGoesOn() throws Exception {
        Path dir = tmp.resolve("fail");
        AtomicInteger calls = new AtomicInteger();
        DumpService s = service(
                dir,
                (file, live) -> {
                    if (calls.incrementAndGet() == 1) {
                        Files.writeString(file, "half");
                        throw new IOException("No space left on device");
                    }
                    Files.writeString(file, "JAVA PROFILE 1.0.2");
                },
                Long.MAX_VALUE);

        DumpResult failed = s.request(DumpTrigger.JMX).get(10, TimeUnit.SECONDS);
        assertThat(failed).isInstanceOf(DumpResult.Failed.class);
        assertThat(failed.toString()).contains("No space left on device");
        assertThat(names(dir)).isEmpty();

        assertThat(s.request(DumpTrigger.JMX).get(10, TimeUnit.SECONDS)).isInstanceOf(DumpResult.Written.class);
    }

    @Test
    void sidecarWritersRunBeforeTheDumpAppearsAndTheirFailureIsOnlyLogged() throws Exception {
        Path dir = tmp.resolve("side");
        DumpService s = service(dir, new FakeDumper(), Long.MAX_VALUE);
        List<Boolean> dumpVisibleToWriter = new ArrayList<>();
        s.addSidecarWriters(List.of(
                dump -> {
                    throw new IllegalStateException("boom");
                },
                dump -> {
                    dumpVisibleToWriter.add(Files.exists(dump));
                    Files.writeString(dump.resolveSibling(dump.getFileName() + ".direct-sites.json"), "{}");
                }));

        DumpResult result = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(DumpResult.Written.class);
        Path dump = ((DumpResult.Written) result).file();
        assertThat(dumpVisibleToWriter).containsExactly(false);
        assertThat(names(dir))
                .containsExactly(
                        dump.getFileName().toString(),
                        dump.getFileName() + ".direct-sites.json",
                        dump.getFileName() + ".json");
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsEachDumpWithAReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        DumpService s = service(file.resolve("d"), new FakeDumper(), Long.MAX_VALUE);
        DumpResult result = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(DumpResult.Failed.class);
        assertThat(result.toString()).contains("cannot create dump directory");
    }

    /** Issue 14, item 1: the sidecar's temporary file used to be {@code .partial-<dump>.json}, written through a link. */
    @Test
    void linksPlantedAtTheSidecarsNamesAreNeverWrittenThrough() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("shared"));
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        HeapDumper planting = (file, live) -> {
            String dump = file.getFileName().toString().substring(".partial-".length());
            Files.createSymbolicLink(dir.resolve(".partial-" + dump + ".json"), victim);
            Files.createSymbolicLink(dir.resolve(dump + ".json"), victim);
            Files.writeString(file, "JAVA PROFILE 1.0.2\0fake");
        };
        DumpService s = service(dir, planting, Long.MAX_VALUE);

        DumpResult result = s.request(DumpTrigger.SIGNAL).get(10, TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(DumpResult.Written.class);
        assertThat(victim).hasContent("precious");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)))
                .isEqualTo("rw-r--r--");
        Path sidecar = dir.resolve(((DumpResult.Written) result).file().getFileName() + ".json");
        assertThat(Files.isSymbolicLink(sidecar)).isFalse();
        assertThat(Files.readString(sidecar)).contains("\"trigger\":\"signal\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sidecar)))
                .isEqualTo("rw-------");
    }
}
