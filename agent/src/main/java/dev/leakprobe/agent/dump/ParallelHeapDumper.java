package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Heap dumps on as many threads as the JDK allows: {@code GC.heap_dump -parallel=N} where the JDK has it (JDK 21
 * and later; measured on JDK 25 with a 1.4 GB dump on 2 cores: 1.5 s against 3.2 s for the serial MXBean call),
 * through this JVM's own attach listener ({@link LocalAttach}); elsewhere, or when the listener cannot be reached,
 * the serial {@code HotSpotDiagnosticMXBean.dumpHeap}. The choice is made at the first dump and said once.
 *
 * <p>Both ways write the file given, refuse an existing one, and write it whole before returning, so the caller's
 * hidden-name-then-rename protocol holds for either.
 */
final class ParallelHeapDumper implements HeapDumper {

    static final int FIRST_JDK_WITH_PARALLEL = 21;
    private static final String CREATED = "Heap dump file created";

    private final HeapDumper serial;
    private final int threads;
    private LocalAttach attach;
    private boolean decided;

    ParallelHeapDumper(HeapDumper serial, int threads) {
        this.serial = serial;
        this.threads = threads;
    }

    @Override
    public synchronized void dump(Path file, boolean live) throws IOException {
        if (!decided) {
            decided = true;
            attach = choose();
        }
        String path = file.toAbsolutePath().toString();
        if (attach == null || path.indexOf('"') >= 0 || path.indexOf('\0') >= 0) {
            serial.dump(file, live);
            return;
        }
        String output = attach.jcmd("GC.heap_dump -parallel=" + threads + (live ? "" : " -all") + " \"" + path + "\"");
        if (!output.contains(CREATED)) {
            throw new IOException(output.trim().replace('\n', ' '));
        }
    }

    /** The attach listener when it serves a parallel heap dump, else null (after saying which way dumps go). */
    private LocalAttach choose() {
        String why;
        if (threads < 2) {
            why = "one processor";
        } else if (Runtime.version().feature() < FIRST_JDK_WITH_PARALLEL) {
            why = "GC.heap_dump has no -parallel before JDK " + FIRST_JDK_WITH_PARALLEL;
        } else if (!LocalAttach.possible()) {
            why = "this JVM's attach listener cannot be started from inside (not Linux, -Xrs or attach disabled)";
        } else {
            try {
                LocalAttach local = new LocalAttach();
                if (!local.ensureStarted()) {
                    why = "this JVM's attach listener did not start";
                } else if (!local.jcmd("help GC.heap_dump").contains("-parallel")) {
                    why = "GC.heap_dump has no -parallel on this JDK";
                } else {
                    AgentLog.info("heap dumps run on " + threads + " threads (GC.heap_dump -parallel=" + threads
                            + " through this JVM's attach listener)");
                    return local;
                }
            } catch (IOException e) {
                why = "this JVM's attach listener failed: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted while starting the attach listener";
            }
        }
        AgentLog.info("heap dumps run on one thread (HotSpotDiagnosticMXBean.dumpHeap): " + why);
        return null;
    }
}
