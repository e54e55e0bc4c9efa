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
        DumpService s = new DumpService(new DumpService.Settings(dir, "t", true, 10), dumper, d -> freeBytes);
        s.start();
        return s;
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
        assertThat(names(dir)).hasSize(4).allMatch(n -> n.startsWith("t-" + ProcessHandle.current().pid() + "-"));
        Path dump = ((DumpResult.Written) followUp).file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
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
        assertThat(result.toString()).contains("free in " + dir, "needs about");
        assertThat(dumper.calls.get()).isZero();
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void aFailingDumpLeavesNoFilesAndTheServiceGoesOn() throws Exception {
        Path dir = tmp.resolve("fail");
        AtomicInteger calls = new AtomicInteger();
        DumpService s = service(dir, (file, live) -> {
            if (calls.incrementAndGet() == 1) {
                Files.writeString(file, "half");
                throw new IOException("No space left on device");
            }
            Files.writeString(file, "JAVA PROFILE 1.0.2");
        }, Long.MAX_VALUE);

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
        assertThat(names(dir)).containsExactly(dump.getFileName().toString(),
                dump.getFileName() + ".direct-sites.json", dump.getFileName() + ".json");
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
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-r--r--");
        Path sidecar = dir.resolve(((DumpResult.Written) result).file().getFileName() + ".json");
        assertThat(Files.isSymbolicLink(sidecar)).isFalse();
        assertThat(Files.readString(sidecar)).contains("\"trigger\":\"signal\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sidecar))).isEqualTo("rw-------");
    }
}
