package dev.leakprobe.agent.it;

import java.util.ArrayList;
import java.util.List;

/**
 * The application child JVMs run under the agent. Prints "workload started", then depending on the mode:
 * {@code idle} sleeps, {@code busy} keeps a thread computing (so JFR has something to sample), {@code fill N}
 * retains N percent of max heap and collects, {@code exit} returns at once. Prints "workload done" when it ends.
 */
public final class Workload {

    static final List<byte[]> RETAINED = new ArrayList<>();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "idle";
        long seconds = args.length > 1 && !mode.equals("fill") ? Long.parseLong(args[1]) : 600;
        System.out.println("workload started");
        System.out.flush();
        long end = System.currentTimeMillis() + seconds * 1000;
        switch (mode) {
            case "exit":
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
