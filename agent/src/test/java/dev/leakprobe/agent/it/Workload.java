package dev.leakprobe.agent.it;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * The application child JVMs run under the agent. Prints "workload started", then depending on the mode:
 * {@code idle} sleeps, {@code busy} keeps a thread computing (so JFR has something to sample), {@code fill N}
 * retains N percent of max heap and collects, {@code exit} returns at once, {@code direct} allocates a direct buffer
 * and returns once the agent is ready; {@code own-usr2} handles SIGUSR2 itself from the start, {@code
 * own-usr2-after-agent} once the agent is ready (both print "app handler installed", and "app handler got SIGUSR2" on
 * each signal), then idle. Prints "workload done" when it ends.
 */
public final class Workload {

    static final List<byte[]> RETAINED = new ArrayList<>();
    static final List<ByteBuffer> DIRECT = new ArrayList<>();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "idle";
        long seconds = args.length > 1 && !mode.equals("fill") ? Long.parseLong(args[1]) : 600;
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
            case "fill":
                fill(Integer.parseInt(args[1]));
                Thread.sleep(600_000);
                break;
            default:
                while (System.currentTimeMillis() < end) {
                    RETAINED.add(new byte[1024]);
                    if (RETAINED.size() > 1000) {
                        RETAINED.clear();
                    }
                    Thread.sleep(50);
                }
        }
        System.out.println("workload done");
        System.out.flush();
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
