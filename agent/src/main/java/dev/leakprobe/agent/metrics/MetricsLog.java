package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.dump.DumpDirectory;
import dev.leakprobe.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Every metrics interval: the human memory line on stderr and one row appended to {@code <dir>/metrics.jsonl}. */
public final class MetricsLog implements Runnable {

    public static final String FILE_NAME = "metrics.jsonl";

    private final Path file;

    public MetricsLog(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    @Override
    public void run() {
        try {
            MemorySnapshot snapshot = MemorySnapshot.capture();
            AgentLog.info(snapshot.toHumanLine());
            append(snapshot.toJsonLine() + "\n");
        } catch (Throwable t) {
            AgentLog.warnOnce("metrics-tick", "metrics tick failed (logged once): " + t);
        }
    }

    private void append(String row) {
        try {
            DumpDirectory.ensure(file.getParent());
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            AgentLog.warnOnce("metrics-write", "cannot append to " + file + " (said once; the line on stderr"
                    + " goes on): " + e);
        }
    }
}
