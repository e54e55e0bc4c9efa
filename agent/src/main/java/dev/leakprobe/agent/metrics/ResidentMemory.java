package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.log.AgentLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * What the OS says is resident, from {@code /proc/self/smaps} (Linux): the heap's own mappings, and mapped files
 * (rss less anonymous memory: the JVM's libraries, the CDS archive, jars, mapped buffers).
 *
 * <p>The heap's address range comes from the DiagnosticCommand {@code gcHeapInfo} ({@code jcmd PID GC.heap_info}),
 * asked once: the heap is reserved at start and never moves. G1, Parallel and Serial print it; ZGC and Shenandoah
 * print none, and the heap's figure is then unknown.
 *
 * <p>smaps is about 150 KB for a small JVM (a few thousand lines) and took 2 to 60 ms to read on a loaded 2-core
 * machine: read once per metrics row, on the agent's timer, through a small buffer (no copy of the file on the
 * heap, no NIO: NIO would borrow a temporary direct buffer and show among the application's sites).
 *
 * @param heap resident bytes of the heap's mappings, -1 when unknown
 * @param files resident bytes of file mappings, -1 when unknown
 */
record ResidentMemory(long heap, long files) {

    static final ResidentMemory UNKNOWN = new ResidentMemory(-1, -1);

    private static final String SMAPS = "/proc/self/smaps";
    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-fA-F]+)");
    private static final long[] HEAP_RANGE = heapRange();

    static ResidentMemory read() {
        try (InputStream in = new FileInputStream(SMAPS)) {
            return parse(in, HEAP_RANGE);
        } catch (IOException | RuntimeException e) {
            AgentLog.warnOnce("smaps", "cannot read " + SMAPS + " (said once): resident figures are unknown: " + e);
            return UNKNOWN;
        }
    }

    /**
     * Sums the {@code Rss:} of mappings inside {@code heapRange} ({@code [from, to)}, null when unknown) and rss less
     * {@code Anonymous:} of every mapping. Lines longer than the buffer are cut: only a mapping's first line (its
     * addresses) and the two figures are read.
     */
    static ResidentMemory parse(InputStream in, long[] heapRange) throws IOException {
        byte[] line = new byte[128];
        byte[] buffer = new byte[8192];
        long heapKb = 0;
        long rssKb = 0;
        long anonymousKb = 0;
        boolean inHeap = false;
        int length = 0;
        boolean sawMapping = false;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b != '\n') {
                    if (length < line.length) {
                        line[length++] = b;
                    }
                    continue;
                }
                if (startsWith(line, length, "Rss:")) {
                    long kb = kilobytes(line, length);
                    rssKb += kb;
                    if (inHeap) {
                        heapKb += kb;
                    }
                } else if (startsWith(line, length, "Anonymous:")) {
                    anonymousKb += kilobytes(line, length);
                } else if (isMappingLine(line, length)) {
                    sawMapping = true;
                    long start = hex(line, 0, length);
                    inHeap = heapRange != null && start >= heapRange[0] && start < heapRange[1];
                }
                length = 0;
            }
        }
        if (!sawMapping) {
            return UNKNOWN;
        }
        return new ResidentMemory(heapRange == null ? -1 : heapKb * 1024, (rssKb - anonymousKb) * 1024);
    }

    /** "7f3a1c000000-7f3a1c021000 rw-p ...": hex digits up to a '-'. Field lines start with a capital letter. */
    private static boolean isMappingLine(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b == '-') {
                return i > 0;
            }
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return false;
    }

    private static long hex(byte[] line, int from, int length) {
        long value = 0;
        for (int i = from; i < length && line[i] != '-'; i++) {
            byte b = line[i];
            value = value * 16 + (b <= '9' ? b - '0' : b - 'a' + 10);
        }
        return value;
    }

    /** "Rss:                 668 kB" → 668. */
    private static long kilobytes(byte[] line, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
            } else if (value > 0 && b == ' ') {
                break;
            }
        }
        return value;
    }

    private static boolean startsWith(byte[] line, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** [lowest, highest) of the addresses the heap's lines of {@code GC.heap_info} print; null when it prints none. */
    private static long[] heapRange() {
        try {
            Object info = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcHeapInfo",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
            return heapRange(String.valueOf(info));
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    /**
     * G1: {@code garbage-first heap total 262144K, used 8460K [0x00000000f0000000, 0x0000000100000000)}; Serial and
     * Parallel: a line per generation. Metaspace's lines, which follow, print no address.
     */
    static long[] heapRange(String heapInfo) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (String line : heapInfo.split("\n")) {
            if (line.trim().startsWith("Metaspace")) {
                break;
            }
            Matcher m = ADDRESS.matcher(line);
            while (m.find()) {
                long address = Long.parseUnsignedLong(m.group(1), 16);
                low = Math.min(low, address);
                high = Math.max(high, address);
            }
        }
        return low < high ? new long[] {low, high} : null;
    }
}
