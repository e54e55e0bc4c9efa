package dev.leakprobe.agent.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only way to speak: one line on stderr, prefixed {@code [leakprobe]}.
 *
 * <p>Stderr rather than a logging framework because the agent runs before, and beside, whatever logging the
 * application sets up, and must never configure or clash with it.
 */
public final class AgentLog {

    private static final String PREFIX = "[leakprobe] ";
    private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();

    private AgentLog() {}

    public static void info(String message) {
        System.err.println(PREFIX + message);
    }

    public static void warn(String message) {
        System.err.println(PREFIX + "WARNING: " + message);
    }

    /** Logs {@code message} the first time {@code key} is seen, and never again in this JVM. */
    public static void warnOnce(String key, String message) {
        if (SAID_ONCE.add(key)) {
            warn(message);
        }
    }
}
