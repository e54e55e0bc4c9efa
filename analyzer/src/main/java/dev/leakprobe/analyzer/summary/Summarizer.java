package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.EngineFailure;
import dev.leakprobe.analyzer.heap.HeapSnapshot;
import dev.leakprobe.analyzer.heap.OpenOptions;
import dev.leakprobe.analyzer.heap.OutOfMemory;
import dev.leakprobe.analyzer.heap.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Summaries of several dumps: from the cache when valid, else parsed — several at once, up to the number of cores,
 * within a memory budget: a parse needs from a fraction of the dump's size of heap (a few big arrays) to 3x (an
 * object-dense dump: 12 M objects in 414 MB needed 1.5 GB), so each is counted at 2x, and two big dumps are parsed
 * one after the other rather than running out together (each parse uses every core anyway).
 */
public final class Summarizer {

    private static final long MB = 1 << 20;

    private final DumpOpener opener;
    private final SummaryCache cache;
    private final boolean keepUnreachable;
    private final Progress progress;
    private final int threads;
    private final long budgetMb;

    public Summarizer(DumpOpener opener, SummaryCache cache, Progress progress) {
        this(opener, cache, progress, false);
    }

    /** @param keepUnreachable keep objects no GC root reaches in every dump, not only in live ones */
    public Summarizer(DumpOpener opener, SummaryCache cache, Progress progress, boolean keepUnreachable) {
        this(
                opener,
                cache,
                progress,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / MB * 85 / 100,
                keepUnreachable);
    }

    Summarizer(DumpOpener opener, SummaryCache cache, Progress progress, int threads, long budgetMb) {
        this(opener, cache, progress, threads, budgetMb, false);
    }

    private Summarizer(
            DumpOpener opener,
            SummaryCache cache,
            Progress progress,
            int threads,
            long budgetMb,
            boolean keepUnreachable) {
        this.opener = opener;
        this.cache = cache;
        this.keepUnreachable = keepUnreachable;
        this.progress = progress;
        this.threads = Math.max(1, threads);
        this.budgetMb = Math.max(1, budgetMb);
    }

    /** One summary per dump, in the order given; the first bad dump fails the whole call. */
    public List<DumpSummary> summarize(List<Path> dumps) throws BadDumpException {
        List<DumpSummary> results = new ArrayList<>();
        List<Integer> misses = new ArrayList<>();
        List<DumpKey> keys = new ArrayList<>();
        for (int i = 0; i < dumps.size(); i++) {
            Path dump = dumps.get(i);
            DumpKey key = keyOf(dump);
            keys.add(key);
            Optional<DumpSummary> cached = cache.load(dump, key);
            results.add(cached.orElse(null));
            if (cached.isEmpty()) {
                misses.add(i);
            } else {
                progress.finished(dump.getFileName().toString(), "summary from cache");
            }
        }
        if (misses.isEmpty()) {
            return results;
        }
        Semaphore memory = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetMb));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, misses.size()), r -> {
            Thread t = new Thread(r, "leakprobe-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DumpSummary>> futures = new ArrayList<>();
            for (int i : misses) {
                Path dump = dumps.get(i);
                DumpKey key = keys.get(i);
                int permits = (int) Math.min(budgetMb, Math.max(1, estimatedHeapMb(dump)));
                futures.add(pool.submit(() -> {
                    memory.acquire(permits);
                    try {
                        return summarizeOne(dump, key);
                    } finally {
                        memory.release(permits);
                    }
                }));
            }
            // Every parse is awaited, even after one failed: a parse left running when the JVM exits would leave its
            // scratch folder behind.
            BadDumpException failure = null;
            for (int j = 0; j < misses.size(); j++) {
                try {
                    results.set(misses.get(j), await(futures.get(j)));
                } catch (BadDumpException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private DumpSummary summarizeOne(Path dump, DumpKey key) throws BadDumpException {
        String name = dump.getFileName().toString();
        OpenOptions options = new OpenOptions(isLiveDump(dump), keepUnreachable);
        try (HeapSnapshot heap = opener.open(dump, options, progress)) {
            DumpSummary summary = SummaryBuilder.build(heap, name, progress)
                    .withKey(key)
                    .withSource(DumpSource.of(DumpInfo.of(dump)));
            cache.store(dump, summary);
            progress.finished(name, "summarised");
            return summary;
        } catch (IOException e) {
            throw new BadDumpException(name + ": cannot read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // Also when the dominator tree (its own thread) or the summary ran out: the advice names this dump.
            throw new BadDumpException(opener.outOfMemory(dump), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new BadDumpException(EngineFailure.describe(name, "the engine", e), e);
        }
    }

    private static DumpSummary await(Future<DumpSummary> future) throws BadDumpException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadDumpException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadDumpException bad) {
                throw bad;
            }
            if (cause instanceof OutOfMemoryError) {
                throw new BadDumpException(OutOfMemory.advice(null, 0), cause);
            }
            throw new BadDumpException(
                    "cannot summarise: an unexpected " + cause.getClass().getSimpleName(), cause);
        }
    }

    private static DumpKey keyOf(Path dump) throws BadDumpException {
        if (!Files.isRegularFile(dump)) {
            throw new BadDumpException(dump + (Files.exists(dump) ? ": not a regular file" : ": no such file"));
        }
        try {
            return DumpKey.of(dump);
        } catch (IOException e) {
            throw new BadDumpException(dump + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The agent's sidecar says whether the dump holds live objects only ({@code "live":true}). */
    static boolean isLiveDump(Path dump) {
        for (Path sidecar : DumpInfo.sidecarCandidates(dump)) {
            if (Files.isRegularFile(sidecar)) {
                try {
                    return SIDECAR_JSON.readTree(sidecar.toFile()).path("live").asBoolean(false);
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SIDECAR_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Twice the unpacked size, in MB. */
    static long estimatedHeapMb(Path dump) {
        return 2 * (DumpOpener.unpackedBytes(dump) / MB) + 1;
    }
}
