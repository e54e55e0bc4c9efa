package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.metrics.MemorySnapshot;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import dev.leakprobe.format.schema.GrowthSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes heap dumps on one daemon thread of its own, never on the thread that asks.
 *
 * <p>Requests are coalesced: while a dump runs, every new request joins one pending follow-up dump, so a storm of
 * requests costs at most two dumps. Every outcome, including failures, is one log line; nothing is thrown to the
 * caller, who gets a future of the {@link DumpResult}.
 */
public final class DumpService {

    /** Room to leave beyond the dump itself, so that a dump never fills the disk to the last byte. */
    static final long FREE_SPACE_MARGIN = 64L << 20;

    private final Settings settings;
    private final HeapDumper dumper;
    private final FreeSpace freeSpace;
    private final DumpFiles files;
    private final List<DumpSidecarWriter> sidecarWriters = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<Path> lastDump = new AtomicReference<>();
    private final Object lock = new Object();
    private Request pending; // guarded by lock
    private boolean running; // guarded by lock

    /**
     * @param dir absolute directory of dumps
     * @param name prefix of dump file names
     * @param live dump only reachable objects
     * @param maxDumps how many of our dumps to keep
     */
    public record Settings(Path dir, String name, boolean live, int maxDumps) {}

    /** @param growth the watch mode's series of a growth dump, else null */
    private record Request(DumpTrigger trigger, GrowthSeries growth, CompletableFuture<DumpResult> result) {}

    public DumpService(Settings settings, HeapDumper dumper) {
        this(settings, dumper, dir -> Files.getFileStore(dir).getUsableSpace());
    }

    DumpService(Settings settings, HeapDumper dumper, FreeSpace freeSpace) {
        this.settings = settings;
        this.dumper = dumper;
        this.freeSpace = freeSpace;
        this.files = new DumpFiles(settings.name());
    }

    /** Usable bytes in a directory; a seam for tests, which cannot fill a real disk. */
    interface FreeSpace {
        long usableBytes(Path dir) throws IOException;
    }

    public void start() {
        Thread thread = new Thread(this::serve, "leakprobe-dump");
        thread.setDaemon(true);
        thread.start();
    }

    public void addSidecarWriters(List<DumpSidecarWriter> writers) {
        sidecarWriters.addAll(writers);
    }

    /** Asks for a dump; returns at once. Joins the pending request when one is already waiting. */
    public CompletableFuture<DumpResult> request(DumpTrigger trigger) {
        return request(trigger, null);
    }

    /** A dump of watch mode's series {@code growth}, which its sidecar names. */
    public CompletableFuture<DumpResult> request(DumpTrigger trigger, GrowthSeries growth) {
        synchronized (lock) {
            if (pending != null) {
                AgentLog.info("dump requested (" + trigger.jsonName() + ") while one is waiting: joined it");
                return pending.result();
            }
            if (running) {
                AgentLog.info("dump requested (" + trigger.jsonName()
                        + ") while one is running: one more dump follows it");
            }
            pending = new Request(trigger, growth, new CompletableFuture<>());
            lock.notifyAll();
            return pending.result();
        }
    }

    public int dumpsWritten() {
        return written.get();
    }

    public Path lastDump() {
        return lastDump.get();
    }

    public Path dir() {
        return settings.dir();
    }

    private void serve() {
        while (true) {
            Request request;
            try {
                request = next();
            } catch (InterruptedException e) {
                return;
            }
            DumpResult result;
            try {
                result = dumpNow(request.trigger(), request.growth());
            } catch (Throwable t) {
                result = new DumpResult.Failed(t.toString());
                AgentLog.warn("heap dump failed: " + t);
            } finally {
                synchronized (lock) {
                    running = false;
                }
            }
            request.result().complete(result);
        }
    }

    private Request next() throws InterruptedException {
        synchronized (lock) {
            while (pending == null) {
                lock.wait();
            }
            Request request = pending;
            pending = null;
            running = true;
            return request;
        }
    }

    private DumpResult dumpNow(DumpTrigger trigger, GrowthSeries growth) {
        Path dir = settings.dir();
        try {
            DumpDirectory.ensure(dir);
        } catch (IOException | RuntimeException e) {
            return fail("cannot create dump directory " + dir + ": " + describe(e));
        }
        if (!Files.isWritable(dir)) {
            return fail("dump directory " + dir + " is not writable");
        }
        MemorySnapshot memory = MemorySnapshot.capture();
        long needed = (long) (memory.heapUsed() * 1.5) + FREE_SPACE_MARGIN;
        try {
            long usable = freeSpace.usableBytes(dir);
            if (usable < needed) {
                String reason = "only " + mb(usable) + " free in " + dir + ", a dump of " + mb(memory.heapUsed())
                        + " of heap needs about " + mb(needed) + " (heap used x 1.5 + 64 MB)";
                AgentLog.warn("heap dump skipped (" + trigger.jsonName() + "): " + reason);
                return new DumpResult.Skipped(reason);
            }
        } catch (IOException e) {
            return fail("cannot tell the free space in " + dir + ": " + describe(e));
        }

        int n = seq.incrementAndGet();
        Instant started = memory.time();
        Path target = dir.resolve(files.fileName(memory.pid(), started.atZone(ZoneOffset.UTC), n));
        Path partial = DumpFiles.partialOf(target);
        try {
            dumper.dump(partial, settings.live());
            Instant ended = Instant.now();
            ownerOnly(partial);
            writeSidecar(target, new DumpSidecar(memory.pid(), settings.name(), target.getFileName().toString(),
                    trigger, settings.live(), n, started, ended, memory, growth));
            // Extra sidecars go first too, so that when <dump>.hprof appears everything beside it is complete.
            runSidecarWriters(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            long bytes = Files.size(target);
            long millis = ended.toEpochMilli() - started.toEpochMilli();
            written.incrementAndGet();
            lastDump.set(target);
            AgentLog.info("dump written " + target + " (" + mb(bytes) + " in " + millis + " ms, trigger="
                    + trigger.jsonName() + ")");
            applyRetention();
            return new DumpResult.Written(target, bytes, millis, n);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            deleteQuietly(FileNames.beside(target, FileNames.SIDECAR_SUFFIX));
            return fail("heap dump to " + target + " failed: " + describe(e));
        }
    }

    private void writeSidecar(Path dump, DumpSidecar sidecar) throws IOException {
        PrivateFiles.write(FileNames.beside(dump, FileNames.SIDECAR_SUFFIX),
                sidecar.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private void runSidecarWriters(Path dump) {
        for (DumpSidecarWriter writer : sidecarWriters) {
            try {
                writer.writeBeside(dump);
            } catch (Throwable t) {
                AgentLog.warn("sidecar writer " + writer.getClass().getName() + " failed for " + dump.getFileName()
                        + ": " + describe(t));
            }
        }
    }

    private void applyRetention() {
        try {
            for (Path deleted : files.retain(settings.dir(), settings.maxDumps())) {
                AgentLog.info("deleted old dump " + deleted.getFileName() + " (max-dumps=" + settings.maxDumps() + ")");
            }
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("could not delete old dumps in " + settings.dir() + ": " + describe(e));
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing finer to set
        }
    }

    private static DumpResult fail(String reason) {
        AgentLog.warn(reason);
        return new DumpResult.Failed(reason);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // best effort: the hidden partial name keeps it out of every *.hprof glob anyway
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
