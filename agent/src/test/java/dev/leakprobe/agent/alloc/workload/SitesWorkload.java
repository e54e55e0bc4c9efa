package dev.leakprobe.agent.alloc.workload;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program {@code AgentJarAllocationSitesIT} runs under the real agent jar: holds 16 direct buffers of 64 KiB
 * allocated in {@link #holdBuffers()} and 640 {@link TrackedThing}s made in {@link #makeThings()}, says
 * {@code workload ready}, and waits to be dumped and killed.
 *
 * <p>With an argument (the attach case), loads {@link TrackedThing} first, says {@code workload started}, and waits
 * for that file to exist before allocating: the agent is attached in between, to a JVM whose class is loaded.
 */
public final class SitesWorkload {

    public static final int BUFFERS = 16;
    public static final int SIZE = 64 * 1024;
    public static final int THINGS = 640;

    private static final List<Object> HELD = new ArrayList<>();

    private SitesWorkload() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            HELD.add(new TrackedThing(-1));
            System.out.println("workload started");
            System.out.flush();
            while (!Files.exists(Path.of(args[0]))) {
                Thread.sleep(100);
            }
        }
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
