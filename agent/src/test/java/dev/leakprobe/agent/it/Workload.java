package dev.leakprobe.agent.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import sun.misc.Signal;

/**
 * The application child JVMs run under the agent. Prints "workload started", then depending on the mode:
 * {@code idle} sleeps, {@code busy} keeps a thread computing (so JFR has something to sample), {@code fill N}
 * retains N percent of max heap and collects, {@code exit} returns at once, {@code direct} allocates a direct buffer
 * and returns once the agent is ready; {@code own-usr2} handles SIGUSR2 itself from the start, {@code
 * own-usr2-after-agent} once the agent is ready (both print "app handler installed", and "app handler got SIGUSR2" on
 * each signal), then idle; {@code dense N} retains N million small objects of one reference each (the densest heap
 * for a dump: one takes twice its heap bytes), {@code oom MILLIS} waits for the agent, runs out of memory, holds the
 * full heap that long, lets it go and idles, {@code exit-on-partial DIR} retains a third of max heap and calls
 * {@code System.exit(3)} as soon as a dump is being written into DIR. Watch mode's workloads churn garbage (a GC
 * about every second in -Xmx64m): {@code leak} keeps {@link Leaked} objects at a steady pace, {@code sawtooth} fills
 * a cache and clears it every 3 s, and {@code inflaters} keeps zlib {@link Inflater}s it never ends (native memory,
 * a flat heap). Prints "workload done" when it ends.
 */
public final class Workload {

    static final List<byte[]> RETAINED = new ArrayList<>();
    static final List<ByteBuffer> DIRECT = new ArrayList<>();
    static final List<Leaked> LEAKED = new ArrayList<>();
    static final List<Inflater> INFLATERS = new ArrayList<>();
    static volatile long sink;
    static volatile Object garbage;

    /** What the {@code leak} workload keeps, by a name the analyzer's verdict can show. */
    static final class Leaked {
        final byte[] payload = new byte[10_240];
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "idle";
        long seconds = args.length > 1
                        && List.of(
                                        "idle",
                                        "busy",
                                        "leak",
                                        "sawtooth",
                                        "inflaters",
                                        "slow-leak",
                                        "bursty-leak",
                                        "direct-leak",
                                        "mapped-leak",
                                        "lru",
                                        "warmup-flat")
                                .contains(mode)
                ? Long.parseLong(args[1])
                : 600;
        if (mode.equals("own-usr2")) {
            handleUsr2();
        }
        System.out.println("workload started");
        System.out.flush();
        if (mode.equals("own-usr2-after-agent") || mode.equals("direct")) {
            awaitAgentReady();
        }
        if (mode.equals("own-usr2-after-agent")) {
            handleUsr2();
        }
        long end = System.currentTimeMillis() + seconds * 1000;
        switch (mode) {
            case "exit":
                break;
            case "direct":
                DIRECT.add(ByteBuffer.allocateDirect(4096));
                break;
            case "busy":
                while (System.currentTimeMillis() < end) {
                    sink += compute();
                }
                break;
            case "leak":
                while (System.currentTimeMillis() < end) {
                    // 10 KB every 50 ms: 200 KB/s, 12 MB a minute. Slower leaks need longer windows than a test's: the
                    // live set after a full GC moves by about 0.5 MB from one to the next on a loaded machine.
                    LEAKED.add(new Leaked());
                    churn();
                }
                break;
            case "sawtooth":
                List<byte[]> cache = new ArrayList<>();
                while (System.currentTimeMillis() < end) {
                    cache.add(new byte[4096]); // 80 KB/s for 3 s, then cleared: bounded at 240 KB
                    if (cache.size() == 60) {
                        cache.clear();
                    }
                    churn();
                }
                break;
            case "slow-leak", "bursty-leak", "direct-leak", "mapped-leak", "lru", "warmup-flat":
                WatchWorkloads.run(mode, end);
                break;
            case "inflaters":
                byte[] stream = halfAStream();
                while (System.currentTimeMillis() < end) {
                    for (int i = 0; i < 20; i++) {
                        INFLATERS.add(inflaterMidStream(stream));
                    }
                    Thread.sleep(100);
                }
                break;
            case "fill":
                // The heap threshold is seen at a GC after the agent listens: fill and collect only once it does
                // (on a loaded machine the filling can beat the agent's start, and the one GC went unseen).
                awaitAgentReady();
                fill(Integer.parseInt(args[1]));
                Thread.sleep(600_000);
                break;
            case "dense":
                dense(Integer.parseInt(args[1]) * 1_000_000);
                Thread.sleep(600_000);
                break;
            case "oom":
                awaitAgentReady(); // the case: the agent was up when the application ran out of memory
                runOutOfMemory(Long.parseLong(args[1]));
                idle(end);
                break;
            case "exit-on-partial":
                fill(33);
                exitWhenADumpIsWritten(java.nio.file.Path.of(args[1]));
                idle(end);
                break;
            default:
                idle(end);
        }
        System.out.println("workload done");
        System.out.flush();
    }

    /**
     * 1 MB of garbage over 50 ms, a fifth of it kept a while ({@link WatchWorkloads#requests}): the young and old
     * GCs that watch mode reads, as any busy service has.
     */
    private static void churn() throws InterruptedException {
        WatchWorkloads.requests(1024);
    }

    /** The first half of a deflated stream: an inflater given it stays open, mid-stream, with its 32 KB window. */
    private static byte[] halfAStream() {
        byte[] text = new byte[64 * 1024];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ("leakprobe ".charAt(i % 10) + i / 997);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(text);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        byte[] whole = out.toByteArray();
        return java.util.Arrays.copyOf(whole, whole.length / 2);
    }

    /** Never ended: the zlib state and window stay allocated as long as the list keeps the inflater. */
    private static Inflater inflaterMidStream(byte[] stream) {
        Inflater inflater = new Inflater();
        inflater.setInput(stream);
        byte[] out = new byte[1024];
        try {
            while (inflater.inflate(out) > 0) {
                // the output is of no interest: the native memory behind it is
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException(e);
        }
        return inflater;
    }

    /** The application's own handler, as a server that reloads its configuration on a signal would install. */
    private static void handleUsr2() {
        Signal.handle(new Signal("USR2"), signal -> {
            System.out.println("app handler got SIGUSR2");
            System.out.flush();
        });
        System.out.println("app handler installed");
        System.out.flush();
    }

    private static void awaitAgentReady() throws InterruptedException {
        while (!"true".equals(System.getProperty("leakprobe.ready"))) {
            Thread.sleep(20);
        }
    }

    private static void idle(long end) throws InterruptedException {
        while (System.currentTimeMillis() < end) {
            RETAINED.add(new byte[1024]);
            if (RETAINED.size() > 1000) {
                RETAINED.clear();
            }
            Thread.sleep(50);
        }
    }

    /** A singly linked chain of {@code count} nodes, each 16 bytes on the heap and 33 in a dump. */
    static final class Node {
        Node next;
    }

    static Node chain;

    private static void dense(int count) {
        for (int i = 0; i < count; i++) {
            Node node = new Node();
            node.next = chain;
            chain = node;
        }
        System.gc();
        System.out.println("workload dense " + count);
        System.out.flush();
    }

    /**
     * Fills the heap with 1 MB arrays until an OutOfMemoryError, then the last KB with small ones, so that every
     * other thread's allocation fails too while it holds them (the agent's timer ticks then); then lets go.
     */
    /** A chain of cells (no list whose growth would fail before the heap is full), static so that it stays reachable. */
    static Object[] hog;

    private static void runOutOfMemory(long holdMillis) throws InterruptedException {
        int held = 0;
        for (int size : new int[] {1 << 20, 1 << 14, 1 << 10, 64, 16}) {
            try {
                while (true) {
                    hog = new Object[] {hog, new byte[size]};
                    held++;
                }
            } catch (OutOfMemoryError e) {
                // next, smaller size
            }
        }
        Thread.sleep(holdMillis);
        hog = null;
        System.gc();
        System.out.println(
                "workload recovered from OutOfMemoryError at " + System.currentTimeMillis() + " (" + held + " arrays)");
        System.out.flush();
    }

    /** A thread of the application calls System.exit the moment a dump's partial file shows in {@code dir}. */
    private static void exitWhenADumpIsWritten(java.nio.file.Path dir) {
        Thread watcher = new Thread(
                () -> {
                    while (true) {
                        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                            if (files.anyMatch(f -> f.getFileName().toString().startsWith(".partial-")
                                    && f.getFileName().toString().contains(".hprof"))) {
                                System.out.println("workload exits during the dump");
                                System.out.flush();
                                System.exit(3);
                            }
                        } catch (java.io.IOException e) {
                            // no folder yet
                        }
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "exit-on-partial");
        watcher.start();
        System.out.println("workload waits for a dump");
        System.out.flush();
    }

    private static long compute() {
        long x = 0;
        for (int i = 0; i < 100_000; i++) {
            x += Long.hashCode(x * 31 + i);
        }
        return x;
    }

    private static void fill(int percent) {
        long target = Runtime.getRuntime().maxMemory() * percent / 100;
        long held = 0;
        while (held < target) {
            RETAINED.add(new byte[256 * 1024]);
            held += 256 * 1024;
        }
        System.gc();
        System.out.println("workload filled " + (held >> 20) + " MB");
        System.out.flush();
    }
}
