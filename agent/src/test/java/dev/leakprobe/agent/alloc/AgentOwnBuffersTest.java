package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.metrics.ProcessRss;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent never measures itself, even on a thread that is not one of its own {@code leakprobe-*} threads (a JDK
 * thread that calls its listeners, a gauge read elsewhere). Each test runs its code on a fresh thread with an
 * application's name: NIO caches its temporary direct buffers per thread, so a fresh one must allocate.
 */
class AgentOwnBuffersTest {

    @BeforeAll
    static void startTracking() {
        TrackingFixture.start();
    }

    @Test
    void readingRssAllocatesNoDirectBuffer() throws Exception {
        DirectBufferSites sites = TrackingFixture.start().direct();
        long agentBuffers = sites.agentBuffers();

        long rss = onApplicationThread(ProcessRss::bytes);

        assertThat(rss).isPositive();
        assertThat(sites.agentBuffers())
                .as("direct buffers the agent's own code allocated")
                .isEqualTo(agentBuffers);
        assertNoSiteNamesTheAgent(sites);
    }

    @Test
    void buffersTheAgentsCodeBorrowsOnAnApplicationThreadAreLeftOutOfTheSites(@TempDir Path dir) throws Exception {
        AllocationInstaller.Installed installed = TrackingFixture.start();
        long agentBuffers = installed.direct().agentBuffers();

        // Writing a sidecar goes through a file channel, which borrows a temporary direct buffer.
        onApplicationThread(() -> {
            installed.writers().get(0).writeBeside(dir.resolve("app-1.hprof"));
            return null;
        });

        assertThat(installed.direct().agentBuffers()).isGreaterThan(agentBuffers);
        assertNoSiteNamesTheAgent(installed.direct());
    }

    private static void assertNoSiteNamesTheAgent(DirectBufferSites sites) {
        assertThat(sites.snapshot())
                .allSatisfy(site -> assertThat(site.frames())
                        .noneMatch(frame -> frame.startsWith("dev.leakprobe.agent.metrics.")
                                || frame.startsWith(SidecarFile.class.getName() + ".")
                                || frame.startsWith(DirectSitesSidecar.class.getName() + ".")));
    }

    private static <T> T onApplicationThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "app-worker");
        thread.start();
        thread.join();
        return task.get();
    }
}
