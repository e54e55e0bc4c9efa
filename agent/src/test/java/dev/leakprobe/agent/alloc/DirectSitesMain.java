package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * A small program {@link DirectBufferJdkIT} runs on each JDK: starts direct-buffer tracking through the agent's
 * real entry point, allocates 8 buffers of 32 KiB in {@link #allocateOnThisJdk()}, writes the sidecar while they are
 * held ({@code held.hprof.direct-sites.json}), drops them and writes it again once their bytes were subtracted
 * ({@code freed.hprof.direct-sites.json}). Exit 0 when both were written, 2 when tracking did not start, 3 on timeout.
 */
public final class DirectSitesMain {

    static final int BUFFERS = 8;
    static final int SIZE = 32 * 1024;

    private DirectSitesMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<DumpSidecarWriter> writers = AllocationTracking.start(
                ByteBuddyAgent.install(),
                new AllocationOptions(true, List.of(), AllocationOptions.DEFAULT_SAMPLE),
                new SimpleMeterRegistry());
        if (writers.isEmpty()) {
            System.exit(2);
        }
        DumpSidecarWriter writer = writers.get(0);
        List<ByteBuffer> kept = allocateOnThisJdk();
        writer.writeBeside(dir.resolve("held.hprof"));
        System.out.println("held " + kept.size());
        kept = null;

        long deadline = System.nanoTime() + 60_000_000_000L;
        String freed = "\"liveBytes\":0,\"liveCount\":0,\"allocatedBytes\":" + BUFFERS * SIZE;
        while (System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(200);
            writer.writeBeside(dir.resolve("freed.hprof"));
            if (Files.readString(dir.resolve("freed.hprof.direct-sites.json")).contains(freed)) {
                System.out.println("freed");
                return;
            }
        }
        System.exit(3);
    }

    static List<ByteBuffer> allocateOnThisJdk() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(ByteBuffer.allocateDirect(SIZE));
        }
        return buffers;
    }
}
