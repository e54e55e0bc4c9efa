package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.alloc.samples.PreloadedSession;
import dev.leakprobe.agent.dump.DumpSidecarWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Starts allocation tracking once for the whole test JVM (it can only start once, like in an application):
 * direct buffers, and every class of the {@code samples} package at one in one (tests that need another rate set
 * the dispatcher's rate and put it back). {@link PreloadedSession} is loaded first, to stand for the attach case.
 *
 * <p>Tests must not name classes of {@code dev.leakprobe.agent.bootstrap} before calling {@link #start()}, or the
 * test class loader would define its own copies (see BootstrapInjector).
 */
final class TrackingFixture {

    static final String SAMPLES = "dev.leakprobe.agent.alloc.samples.*";

    private static AllocationInstaller.Installed installed;
    private static SimpleMeterRegistry registry;
    private static Instrumentation instrumentation;

    private TrackingFixture() {}

    static synchronized AllocationInstaller.Installed start() {
        if (installed == null) {
            instrumentation = ByteBuddyAgent.install();
            new PreloadedSession(0); // Loaded before the agent starts.
            registry = new SimpleMeterRegistry();
            List<DumpSidecarWriter> writers = AllocationTracking.start(
                    instrumentation, new AllocationOptions(true, List.of(SAMPLES), 1), registry);
            assertThat(writers).as("writers of a successful start").hasSize(2);
            installed = AllocationInstaller.current;
        }
        return installed;
    }

    static synchronized SimpleMeterRegistry registry() {
        start();
        return registry;
    }

    static synchronized Instrumentation instrumentation() {
        start();
        return instrumentation;
    }
}
