package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.dump.DumpDirectory;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Every metrics interval: the human memory line on stderr and one row appended to {@code <dir>/metrics.jsonl}.
 *
 * <p>A row is about 450 bytes (750 with Native Memory Tracking, whose categories join the ledger): a year at the
 * default 10 s is about 1.4 GB, so past {@link #DEFAULT_MAX_BYTES} the file is moved to {@code metrics.jsonl.1}
 * (replacing the previous one) and starts afresh. Never fill the disk.
 */
public final class MetricsLog implements Runnable {

    public static final String FILE_NAME = FileNames.METRICS;
    static final long DEFAULT_MAX_BYTES = 32L << 20;

    private final Path file;
    private final long maxBytes;

    public MetricsLog(Path dir) {
        this(dir, DEFAULT_MAX_BYTES);
    }

    MetricsLog(Path dir, long maxBytes) {
        this.file = dir.resolve(FILE_NAME);
        this.maxBytes = maxBytes;
        HeapAfterGc.start(); // from the start, so that the first row has the last GC's figure
    }

    @Override
    public void run() {
        try {
            MemorySnapshot snapshot = MemorySnapshot.capture();
            AgentLog.info(snapshot.toHumanLine());
            append(snapshot.toJsonLine() + "\n");
        } catch (Throwable t) {
            AgentLog.failedOnce("the metrics tick", t); // may throw out of memory itself: the timer guards it
        }
    }

    private void append(String row) {
        try {
            DumpDirectory.ensure(file.getParent());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) + row.length() > maxBytes) {
                PrivateFiles.rename(file, file.resolveSibling(FileNames.METRICS_ROTATED));
            }
            PrivateFiles.append(file, row.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            AgentLog.warnOnce(
                    "metrics-write",
                    "cannot append to " + file + " (said once; the line on stderr" + " goes on): " + e);
        }
    }
}
