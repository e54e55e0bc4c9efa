package dev.leakprobe.agent;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.log.Decimal;
import dev.leakprobe.agent.metrics.MemorySnapshot;
import java.util.Locale;

/**
 * Initialises, at start-up, the classes the agent's later work needs, so that none is initialised for the first time
 * while the application is out of memory. A class whose static initialisation fails (for want of heap) stays failed
 * for the JVM's life: on JDK 25 the first {@code String.format} after an OutOfMemoryError left
 * {@code sun.util.cldr.CLDRLocaleProviderAdapter} broken, and every metrics line and heap-threshold check after it
 * died with {@code NoClassDefFoundError: Could not initialize class} (issue 19, item 2). The agent's own lines use
 * {@link Decimal}, which needs no locale; this covers what else formats (the JDK's locale providers, the memory
 * snapshot, its JSON row, the number parsing and printing of the JDK).
 */
final class AgentWarmUp {

    private AgentWarmUp() {}

    static void run() {
        try {
            String sink = Decimal.fixed(1.25, 2) + Decimal.mb(1 << 20, 1);
            // Formatter, DecimalFormatSymbols and the CLDR locale provider, for code that still formats with them.
            sink += String.format(Locale.ROOT, "%.1f %d %s%%", 1.5, 1, "x") + String.format("%.1f", 1.5);
            sink += Double.toString(0.1) + Float.toString(0.1f) + Double.parseDouble("1.5");
            MemorySnapshot snapshot = MemorySnapshot.capture();
            sink += snapshot.toHumanLine() + snapshot.toJsonLine();
            if (sink.isEmpty()) {
                AgentLog.info(sink); // never: keeps the work above from looking unused
            }
        } catch (Throwable t) {
            AgentLog.failedOnce("warming up the agent's formatting", t);
        }
    }
}
