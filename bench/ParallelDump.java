import dev.leakprobe.agent.dump.HeapDumper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The program of bench/parallel-dump.sh: fills the heap with about HEAP_MB of live objects (small arrays held by
 * small object arrays, plus a few big arrays), then dumps it ROUNDS times each way, alternating: the serial
 * HotSpotDiagnosticMXBean call and the agent's choice (HeapDumper.hotSpot(): parallel GC.heap_dump where the JDK has
 * it). A thread that ticks every 0.1 ms measures the pause the application sees (the longest gap in its ticks
 * during the dump); the call's wall time is printed too. Prints every run, the medians and the ratios.
 * Usage: java -cp leakprobe-agent.jar bench/ParallelDump.java DIR HEAP_MB ROUNDS
 */
public class ParallelDump {

    static final List<Object> KEPT = new ArrayList<>();
    static volatile long lastTick;
    static volatile long longestGap;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]) << 20;
        int rounds = Integer.parseInt(args[2]);
        fill(target);
        Thread ticker = new Thread(ParallelDump::tick, "ticker");
        ticker.setDaemon(true);
        ticker.start();

        HeapDumper serial = HeapDumper.serial();
        HeapDumper chosen = HeapDumper.hotSpot();
        List<long[]> serialRuns = new ArrayList<>();
        List<long[]> chosenRuns = new ArrayList<>();
        run("chosen", chosen, dir.resolve("warm-up.hprof")); // starts the attach listener, warms both paths up
        run("serial", serial, dir.resolve("warm-up.hprof"));
        System.out.printf("%-7s %5s %10s %10s %8s%n", "way", "round", "pause ms", "call ms", "MB");
        for (int round = 1; round <= rounds; round++) {
            boolean serialFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++) {
                boolean isSerial = (k == 0) == serialFirst;
                long[] r = run(isSerial ? "serial" : "chosen", isSerial ? serial : chosen, dir.resolve("d.hprof"));
                (isSerial ? serialRuns : chosenRuns).add(r);
                System.out.printf("%-7s %5d %10d %10d %8d%n", isSerial ? "serial" : "chosen", round, r[0], r[1], r[2]);
            }
        }
        long serialPause = median(serialRuns, 0);
        long chosenPause = median(chosenRuns, 0);
        long serialCall = median(serialRuns, 1);
        long chosenCall = median(chosenRuns, 1);
        System.out.printf(Locale.ROOT, "%nmedian pause: serial %d ms, chosen %d ms, ratio %.2f%n",
                serialPause, chosenPause, chosenPause / (double) serialPause);
        System.out.printf(Locale.ROOT, "median call:  serial %d ms, chosen %d ms, ratio %.2f%n",
                serialCall, chosenCall, chosenCall / (double) serialCall);
        System.out.printf(Locale.ROOT, "bench-result {\"java\":\"%s\",\"processors\":%d,\"dumpMB\":%d,\"rounds\":%d,"
                        + "\"serialPauseMillis\":%d,\"chosenPauseMillis\":%d,\"pauseRatio\":%.3f,"
                        + "\"serialCallMillis\":%d,\"chosenCallMillis\":%d,\"callRatio\":%.3f}%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), serialRuns.get(0)[2], rounds,
                serialPause, chosenPause, chosenPause / (double) serialPause,
                serialCall, chosenCall, chosenCall / (double) serialCall);
    }

    /** One live dump: {longest tick gap ms, call ms, file MB}; the file is deleted after. */
    static long[] run(String way, HeapDumper dumper, Path file) throws Exception {
        Files.deleteIfExists(file);
        longestGap = 0;
        long start = System.nanoTime();
        dumper.dump(file, true);
        long call = (System.nanoTime() - start) / 1_000_000;
        long gap = longestGap / 1_000_000;
        long mb = Files.size(file) >> 20;
        Files.delete(file);
        return new long[] {gap, call, mb};
    }

    static void tick() {
        lastTick = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long gap = now - lastTick;
            if (gap > longestGap) {
                longestGap = gap;
            }
            lastTick = now;
            long until = now + 100_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    static void fill(long target) {
        Random random = new Random(1);
        long held = 0;
        while (held < target) {
            Object[] node = new Object[8];
            for (int i = 0; i < node.length; i++) {
                node[i] = new byte[16 + random.nextInt(64)];
            }
            KEPT.add(node);
            held += 8 * 64 + 48;
        }
        for (int i = 0; i < 32; i++) {
            KEPT.add(new long[1 << 20]);
        }
        System.out.println("filled " + KEPT.size() + " objects, about " + (target >> 20) + " MB");
    }

    static long median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(r -> r[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
