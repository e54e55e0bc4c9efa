package dev.leakprobe.junit.dump;

import dev.leakprobe.junit.settings.LeakTestSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of a leak test's body and its dumps between them: the warm-up, a dump, the first half of the iterations,
 * a dump, the second half, a dump (one interval, two dumps, when there is a single iteration).
 */
public final class DumpSchedule {

    private DumpSchedule() {}

    /**
     * @param runNanos time in the body; {@code dumpNanos} time in the dumps
     */
    public record Taken(List<Path> dumps, long runNanos, long dumpNanos) {}

    /** An exception from the body ends the schedule as it was thrown. */
    public static Taken run(Runnable body, LeakTestSettings settings, LiveHeapDumper dumper, DumpFolder folder)
            throws IOException {
        List<Path> dumps = new ArrayList<>();
        long runNanos = repeat(body, settings.warmup());
        long dumpNanos = 0;
        int[] runs = settings.runsPerInterval();
        for (int d = 0; d <= runs.length; d++) {
            if (d > 0) {
                runNanos += repeat(body, runs[d - 1]);
            }
            long start = System.nanoTime();
            dumps.add(dumper.dump(folder.path(), folder.dumpName(d + 1)));
            dumpNanos += System.nanoTime() - start;
        }
        return new Taken(List.copyOf(dumps), runNanos, dumpNanos);
    }

    private static long repeat(Runnable body, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            body.run();
        }
        return System.nanoTime() - start;
    }
}
