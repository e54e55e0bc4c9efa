package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.log.Decimal;
import dev.leakprobe.agent.metrics.MemorySnapshot;
import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import dev.leakprobe.format.schema.GrowthSeries;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes heap dumps on one daemon thread of its own, never on the thread that asks.
 *
 * <p>Requests are coalesced: while a dump runs, every new request joins one pending follow-up dump, so a storm of
 * requests costs at most two dumps. Every outcome, including failures, is one log line; nothing is thrown to the
 * caller, who gets a future of the {@link DumpResult}.
 *
 * <p>The disk: a dump starts only when its largest possible size ({@link DumpSizeEstimate}) leaves the reserve free
 * ({@link DiskReserve}), and is aborted and deleted when the free space falls below the reserve while it is written
 * ({@link DiskWatch}).
 *
 * <p>The application may run out of memory: the dump thread catches everything, says what it can (a log line that
 * cannot be built is dropped), and a dump thread that is gone all the same is started again by the next request.
 */
public final class DumpService {

    /** What a request gets when even saying why it failed needs memory the JVM does not have. */
    static final DumpResult.Failed OUT_OF_MEMORY =
            new DumpResult.Failed("the dump failed and the JVM had no memory left to say why");

    private static final CompletableFuture<DumpResult> NOT_REQUESTED = CompletableFuture.completedFuture(OUT_OF_MEMORY);

    private final Settings settings;
    private final HeapDumper dumper;
    private final DiskSpace disk;
    private final DiskWatch watch;
    private final DumpSizeEstimate estimate;
    private final ThreadFactory threads;
    private final DumpFiles files;
    private final List<DumpSidecarWriter> sidecarWriters = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicReference<Path> lastDump = new AtomicReference<>();
    /** The dump being written, for the shutdown hook; null between dumps. */
    private final AtomicReference<DumpName> current = new AtomicReference<>();

    private volatile boolean exiting;
    private final Object lock = new Object();
    private Request pending; // guarded by lock
    private boolean running; // guarded by lock
    private Thread worker; // guarded by lock

    /**
     * @param dir absolute directory of dumps
     * @param name prefix of dump file names
     * @param live dump only reachable objects
     * @param maxDumps how many of our dumps to keep
     * @param reserve what must stay free on the dump folder's file system
     */
    public record Settings(Path dir, String name, boolean live, int maxDumps, DiskReserve reserve) {}

    /** @param growth the watch mode's series of a growth dump, else null */
    private record Request(DumpTrigger trigger, GrowthSeries growth, CompletableFuture<DumpResult> result) {}

    public DumpService(Settings settings, HeapDumper dumper) {
        this(
                settings,
                dumper,
                DiskSpace.FILE_STORE,
                new ShellDiskWatch(),
                DumpSizeEstimate.forThisJvm(),
                DumpService::daemon);
    }

    DumpService(
            Settings settings,
            HeapDumper dumper,
            DiskSpace disk,
            DiskWatch watch,
            DumpSizeEstimate estimate,
            ThreadFactory threads) {
        this.settings = settings;
        this.dumper = dumper;
        this.disk = disk;
        this.watch = watch;
        this.estimate = estimate;
        this.threads = threads;
        this.files = new DumpFiles(settings.name());
    }

    /** Starts the dump thread, and a shutdown hook that deletes what a dump cut short by the JVM's exit left. */
    public void start() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::abandonForExit, "leakprobe-exit"));
        } catch (RuntimeException e) {
            AgentLog.warn("cannot add a shutdown hook (" + e + "); a dump cut short by the JVM's exit stays as "
                    + FileNames.PARTIAL_PREFIX + "* until the next start");
        }
        synchronized (lock) {
            ensureWorker();
        }
    }

    public void addSidecarWriters(List<DumpSidecarWriter> writers) {
        sidecarWriters.addAll(writers);
    }

    /** Asks for a dump; returns at once and never throws. Joins the pending request when one is already waiting. */
    public CompletableFuture<DumpResult> request(DumpTrigger trigger) {
        return request(trigger, null);
    }

    /** A dump of watch mode's series {@code growth}, which its sidecar names. */
    public CompletableFuture<DumpResult> request(DumpTrigger trigger, GrowthSeries growth) {
        try {
            synchronized (lock) {
                ensureWorker();
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
        } catch (Throwable t) {
            return NOT_REQUESTED; // out of memory in the caller's thread: no request could be made
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

    /** A dump thread that never started (no memory for a thread) or is gone is started now. Holds lock. */
    private void ensureWorker() {
        if (worker != null && worker.isAlive()) {
            return;
        }
        boolean restart = worker != null;
        try {
            Thread thread = threads.newThread(this::serve);
            thread.start();
            worker = thread;
            if (restart) {
                AgentLog.warn("the dump thread had stopped; started it again");
            }
        } catch (Throwable t) {
            AgentLog.warnOnce("dump-thread", "cannot start the dump thread (" + t + "); the next request tries again");
        }
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "leakprobe-dump");
        thread.setDaemon(true);
        return thread;
    }

    /** Never ends: whatever one request throws, even while out of memory, the thread goes on to the next. */
    private void serve() {
        while (true) {
            try {
                serveOne();
            } catch (Throwable t) {
                // Nothing here: this handler must not allocate. serveOne has completed the request.
            }
        }
    }

    private void serveOne() throws InterruptedException {
        Request request = next();
        DumpResult result = OUT_OF_MEMORY;
        try {
            result = dumpNow(request.trigger(), request.growth());
        } catch (Throwable t) {
            result = fail("heap dump failed: " + describe(t)); // when this throws too, OUT_OF_MEMORY it is
        } finally {
            synchronized (lock) {
                running = false;
            }
            request.result().complete(result);
            publishIfNotWritten(result);
        }
    }

    /**
     * A dump that was skipped or failed leaves its reason in {@link AgentProperties#LAST_REFUSAL}, so that
     * {@code leakprobe dump PID}, which signalled and waits for a file, can say why at once instead of waiting out
     * its timeout.
     */
    private static void publishIfNotWritten(DumpResult result) {
        try {
            if (!(result instanceof DumpResult.Written)) {
                System.setProperty(AgentProperties.LAST_REFUSAL, System.currentTimeMillis() + " " + result);
            }
        } catch (Throwable t) {
            // Out of memory, or a security manager: the CLI then waits for its timeout, as before.
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
        long reserve;
        try {
            reserve = settings.reserve().of(disk.totalBytes(dir));
            DumpResult.Skipped tooLittle = checkFreeSpace(trigger, dir, memory, reserve);
            if (tooLittle != null) {
                return tooLittle;
            }
        } catch (IOException e) {
            return fail("cannot tell the free space in " + dir + ": " + describe(e));
        }

        int n = seq.incrementAndGet();
        Instant started = memory.time();
        DumpName name = files.name(memory.pid(), started, n);
        Path target = dir.resolve(name.fileName());
        Path partial = DumpFiles.partialOf(target);
        current.set(name);
        try {
            long freeWhenCrossed = dumpWatched(dir, partial, reserve);
            if (freeWhenCrossed >= 0) {
                PartialFiles.deleteOf(dir, name);
                String reason = "the free space in " + dir + " fell to " + mb(freeWhenCrossed) + " while it was"
                        + " written, below the reserve of " + mb(reserve) + " ("
                        + settings.reserve().describe()
                        + "); the partial dump was truncated and deleted";
                AgentLog.warn("heap dump aborted (" + trigger.jsonName() + "): " + reason);
                return new DumpResult.Skipped("aborted: " + reason);
            }
            if (exiting) {
                PartialFiles.deleteOf(dir, name);
                return fail("heap dump to " + target + " cut short: the JVM is exiting");
            }
            Instant ended = Instant.now();
            ownerOnly(partial);
            writeSidecar(
                    target,
                    new DumpSidecar(
                            memory.pid(),
                            settings.name(),
                            target.getFileName().toString(),
                            trigger,
                            settings.live(),
                            n,
                            started,
                            ended,
                            memory,
                            growth));
            // Extra sidecars go first too, so that when <dump>.hprof appears everything beside it is complete.
            runSidecarWriters(target);
            if (exiting) {
                PartialFiles.deleteOf(dir, name);
                deleteCompanions(target);
                return fail("heap dump to " + target + " cut short: the JVM is exiting");
            }
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
            PartialFiles.deleteOf(dir, name);
            deleteCompanions(target);
            return fail("heap dump to " + target + " failed: " + describe(e));
        } finally {
            current.set(null);
        }
    }

    /** @return the skip, with its one log line said, or null when the dump fits and leaves the reserve free */
    private DumpResult.Skipped checkFreeSpace(DumpTrigger trigger, Path dir, MemorySnapshot memory, long reserve)
            throws IOException {
        long classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        long needed = estimate.peakBytes(memory.heapUsed(), classes);
        long usable = disk.usableBytes(dir);
        if (usable - needed >= reserve) {
            return null;
        }
        String reason = "only " + mb(usable) + " free in " + dir + ": a dump of " + mb(memory.heapUsed())
                + " of heap may take up to " + mb(needed) + " (" + estimate.describe() + ") and " + mb(reserve)
                + " must stay free (" + settings.reserve().describe() + ")";
        AgentLog.warn("heap dump skipped (" + trigger.jsonName() + "): " + reason);
        return new DumpResult.Skipped(reason);
    }

    /**
     * Dumps to {@code partial} under the disk watch.
     *
     * @return the free bytes when the reserve was crossed (the dump is then truncated), or -1
     */
    private long dumpWatched(Path dir, Path partial, long reserve) throws IOException {
        DiskWatch.Watching watching = watch.start(dir, dir.toRealPath().resolve(partial.getFileName()), reserve);
        try {
            dumper.dump(partial, settings.live());
        } catch (IOException | RuntimeException e) {
            long crossed = watching.stop();
            if (crossed >= 0) {
                return crossed; // HotSpot failed because the file was truncated under it: the abort says why
            }
            throw e;
        } catch (Throwable t) {
            watching.stop();
            throw t;
        }
        return watching.stop();
    }

    /**
     * The shutdown hook: the JVM exits (System.exit, SIGTERM) while a dump is being written. Deletes its partial
     * files, segments and temporary sidecars, and the sidecars already written for a dump that will never be
     * complete; the dump thread, if it gets that far, sees {@link #exiting} and writes nothing more.
     */
    void abandonForExit() {
        exiting = true;
        DumpName name = current.get();
        if (name == null) {
            return;
        }
        PartialFiles.deleteOf(settings.dir(), name);
        Path target = settings.dir().resolve(name.fileName());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteCompanions(target);
        }
    }

    private void writeSidecar(Path dump, DumpSidecar sidecar) throws IOException {
        PrivateFiles.write(
                FileNames.beside(dump, FileNames.SIDECAR_SUFFIX),
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

    private static DumpResult.Failed fail(String reason) {
        AgentLog.warn(reason);
        return new DumpResult.Failed(reason);
    }

    /** The files we put beside a dump, for one that never became complete. */
    private static void deleteCompanions(Path target) {
        for (String suffix : FileNames.DUMP_COMPANION_SUFFIXES) {
            try {
                Files.deleteIfExists(FileNames.beside(target, suffix));
            } catch (IOException | RuntimeException e) {
                // best effort; never swept later: beside a dump someone gzipped, such a name is a valid sidecar
            }
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String mb(long bytes) {
        return Decimal.mb(bytes, 1);
    }
}
