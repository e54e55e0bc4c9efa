package dev.leakprobe.agent.alloc.workload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The program {@code AgentJarAllocationSitesIT} runs under the real agent jar: holds 16 direct buffers of 64 KiB
 * allocated in {@link #holdBuffers()} and 640 {@link TrackedThing}s made in {@link #makeThings()}, says
 * {@code workload ready}, and waits to be dumped and killed.
 */
public final class SitesWorkload {

    public static final int BUFFERS = 16;
    public static final int SIZE = 64 * 1024;
    public static final int THINGS = 640;

    private static final List<Object> HELD = new ArrayList<>();

    private SitesWorkload() {}

    public static void main(String[] args) throws InterruptedException {
        HELD.addAll(holdBuffers());
        HELD.addAll(makeThings());
        System.out.println("workload ready");
        System.out.flush();
        Thread.sleep(300_000);
    }

    static List<ByteBuffer> holdBuffers() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(ByteBuffer.allocateDirect(SIZE));
        }
        return buffers;
    }

    static List<TrackedThing> makeThings() {
        List<TrackedThing> things = new ArrayList<>();
        for (int i = 0; i < THINGS; i++) {
            things.add(new TrackedThing(i));
        }
        return things;
    }
}
