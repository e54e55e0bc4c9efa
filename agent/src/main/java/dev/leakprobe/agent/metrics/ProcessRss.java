package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.log.AgentLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The resident set size of this process, from {@code /proc/self/status} (Linux); -1 where the OS gives none. */
public final class ProcessRss {

    private static final String STATUS = "/proc/self/status";

    /** The file is about 1.5 KB; VmRSS sits in its first half. */
    private static final int MAX_BYTES = 16 * 1024;

    private ProcessRss() {}

    /** @return bytes resident, or -1 (after one warning for the whole run) when unknown */
    public static long bytes() {
        try {
            long rss = vmRss(read());
            if (rss >= 0) {
                return rss;
            }
        } catch (IOException | RuntimeException e) {
            // falls through: not Linux, or no procfs
        }
        AgentLog.warnOnce(
                "rss", "the resident set size is unknown here (no VmRSS in " + STATUS + "); rss is reported as n/a");
        return -1;
    }

    /**
     * A plain stream into a heap array: NIO (Files, channels) would borrow a temporary direct buffer for the read,
     * cached per thread, and the agent would show up among the application's direct-buffer sites.
     */
    static String read() throws IOException {
        try (InputStream in = new FileInputStream(STATUS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            return new String(bytes, StandardCharsets.US_ASCII);
        }
    }

    /** "VmRSS:     35664 kB" → bytes; -1 without such a line. */
    static long vmRss(String status) {
        // Where the line starts in status: the newline put in front is found one place before it, at its index.
        int at = ("\n" + status).indexOf("\nVmRSS:");
        if (at < 0) {
            return -1;
        }
        int end = status.indexOf('\n', at);
        String[] parts =
                status.substring(at + 6, end < 0 ? status.length() : end).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024L;
    }
}
