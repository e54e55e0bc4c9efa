package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.agent.log.AgentLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Entry point of allocation-site recording (direct buffers and tracked classes).
 *
 * <p>Seam between the agent core and allocation tracking: the core calls {@link #start} once, after its meter
 * registry exists, and hands the returned writers to its dump service.
 *
 * <p>This class must not name any class of {@code dev.leakprobe.agent.bootstrap}, nor any class that does, before
 * {@link BootstrapInjector#inject} ran: see there.
 */
public final class AllocationTracking {

    private static boolean started;

    private AllocationTracking() {}

    /**
     * Installs whatever {@code options} ask for. Never throws: a failure is one log line and tracking stays off.
     *
     * @return the sidecar writers to call after every dump (empty when nothing is tracked)
     */
    public static synchronized List<DumpSidecarWriter> start(
            Instrumentation instrumentation, AllocationOptions options, MeterRegistry registry) {
        if (!options.trackDirect() && options.trackedClasses().isEmpty()) {
            return List.of();
        }
        if (started) {
            AgentLog.warn("allocation tracking was already started in this JVM; options ignored: " + options);
            return List.of();
        }
        try {
            if (!instrumentation.isRetransformClassesSupported()) {
                AgentLog.warn("allocation tracking is off: this agent cannot retransform classes"
                        + " (Can-Retransform-Classes missing from its manifest)");
                return List.of();
            }
            if (!BootstrapInjector.inject(instrumentation)) {
                return List.of();
            }
            started = true;
            return AllocationInstaller.install(instrumentation, options, registry)
                    .writers();
        } catch (Throwable e) {
            AgentLog.warn("allocation tracking is off: " + e);
            return List.of();
        }
    }
}
