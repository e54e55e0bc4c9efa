package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Entry point of allocation-site recording (direct buffers and tracked classes).
 *
 * <p>Seam between the agent core and allocation tracking: the core calls {@link #start} once, after its meter
 * registry exists, and hands the returned writers to its dump service.
 */
public final class AllocationTracking {

    private AllocationTracking() {}

    /**
     * Installs whatever {@code options} ask for. Never throws: a failure is one log line and tracking stays off.
     *
     * @return the sidecar writers to call after every dump (empty when nothing is tracked)
     */
    public static List<DumpSidecarWriter> start(
            Instrumentation instrumentation, AllocationOptions options, MeterRegistry registry) {
        return List.of(); // Allocation tracking is built in issue 5.
    }
}
