package dev.leakprobe.junit.check;

import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.report.TerminalText;
import dev.leakprobe.analyzer.report.Wording;
import java.util.Locale;

/** A suspect that passed the leak test's rule, in the words of the failure message. */
public record Leak(Suspect suspect, int iterations) {

    /** {@code byte[] objects accumulate in LeakyTest.LEAKED: +104 KB over 100 iterations (+1.0 objects each)}. */
    public String title() {
        long[] count = suspect.count();
        double perRun = (double) (count[count.length - 1] - count[0]) / iterations;
        // Class and thread names come from the heap: escaped, as on the analyzer's terminal, since a failure
        // message ends up on a console.
        return TerminalText.safe(String.format(
                Locale.ROOT,
                "%s objects accumulate in %s: %s over %d iteration%s (%+.1f objects each)",
                Sizes.simpleName(suspect.className()),
                Wording.where(suspect.accumulationPoint()),
                Sizes.signed(suspect.retainedDelta()),
                iterations,
                iterations == 1 ? "" : "s",
                perRun));
    }

    /** From the GC root (or the static field that holds it) to what accumulates. */
    public String path() {
        return TerminalText.safe(suspect.pathText());
    }
}
