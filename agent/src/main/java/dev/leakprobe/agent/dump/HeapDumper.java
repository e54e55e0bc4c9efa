package dev.leakprobe.agent.dump;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Writes the heap to a file; the seam tests replace to control timing. */
public interface HeapDumper {

    /** @param file must end in {@code .hprof} and must not exist (HotSpot refuses both) */
    void dump(Path file, boolean live) throws IOException;

    /** The fastest the JDK offers: a parallel dump where it can ({@link ParallelHeapDumper}), else {@link #serial}. */
    static HeapDumper hotSpot() {
        return new ParallelHeapDumper(serial(), Runtime.getRuntime().availableProcessors());
    }

    /** The serial dump of {@code HotSpotDiagnosticMXBean}. */
    static HeapDumper serial() {
        return (file, live) -> ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpHeap(file.toString(), live);
    }
}
