package dev.leakprobe.agent.dump;

import java.util.Locale;

/** What asked for a dump; written into the sidecar as {@code trigger}. */
public enum DumpTrigger {
    SIGNAL,
    SCHEDULE,
    JMX,
    THRESHOLD,
    /** Watch mode: the live set grew steadily over its window. */
    GROWTH;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
