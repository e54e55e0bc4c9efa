package dev.leakprobe.agent.metrics;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakprobe.agent.log.AgentLog;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The committed memory of each Native Memory Tracking category, when the JVM runs with
 * {@code -XX:NativeMemoryTracking=summary} (or {@code detail}): the DiagnosticCommand MBean's {@code vmNativeMemory}
 * with {@code summary}, what {@code jcmd PID VM.native_memory summary} prints.
 *
 * <p>One call takes about 0.2 ms here (JDK 17 and 25) and needs no safepoint, so every metrics row may ask. Without
 * tracking it is never called: the JVM would only answer that tracking is off.
 */
final class NativeMemoryTracking {

    /** "-                 Java Heap (reserved=6172672KB, committed=397312KB)" (JDK 17 and 25 alike). */
    private static final Pattern CATEGORY = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private static final boolean ON = trackingIsOn();

    private NativeMemoryTracking() {}

    static boolean isOn() {
        return ON;
    }

    /** Committed bytes by category, in the JVM's order; empty when tracking is off or the call fails. */
    static Map<String, Long> committedByCategory() {
        if (!ON) {
            return Map.of();
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object summary = server.invoke(
                    new ObjectName(DIAGNOSTIC_COMMAND),
                    "vmNativeMemory",
                    new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()});
            return parse(String.valueOf(summary));
        } catch (Exception | LinkageError e) {
            AgentLog.warnOnce(
                    "nmt", "cannot read Native Memory Tracking (said once; the ledger goes on without" + " it): " + e);
            return Map.of();
        }
    }

    static Map<String, Long> parse(String summary) {
        Map<String, Long> categories = new LinkedHashMap<>();
        Matcher m = CATEGORY.matcher(summary);
        while (m.find()) {
            categories.put(m.group(1).trim(), Long.parseLong(m.group(2)) * 1024L);
        }
        return categories;
    }

    private static boolean trackingIsOn() {
        try {
            String value = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("NativeMemoryTracking")
                    .getValue();
            return !value.toLowerCase(Locale.ROOT).equals("off");
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no jdk.management: no tracking to read
        }
    }
}
