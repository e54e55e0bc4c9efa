package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set size of this process, from {@code /proc/self/status} (Linux); -1 where the OS gives none. */
public final class ProcessRss {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessRss() {}

    /** @return bytes resident, or -1 (after one warning for the whole run) when unknown */
    public static long bytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     35664 kB"
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // falls through: not Linux, or no procfs
        }
        AgentLog.warnOnce("rss", "the resident set size is unknown here (no VmRSS in " + STATUS
                + "); rss is reported as n/a");
        return -1;
    }
}
