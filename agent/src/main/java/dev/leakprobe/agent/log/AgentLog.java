package dev.leakprobe.agent.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only way to speak: one line on stderr, prefixed {@code [leakprobe]}.
 *
 * <p>Stderr rather than a logging framework because the agent runs before, and beside, whatever logging the
 * application sets up, and must never configure or clash with it.
 *
 * <p>Never throws: after the application ran out of memory, building or printing a line can fail, and a lost line
 * must not end the thread that wanted to say it.
 */
public final class AgentLog {

    private static final String PREFIX = "[leakprobe] ";
    private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();
    /** Warnings given before the agent is ready, for {@code attach} to repeat (a few lines at most). */
    private static final StringBuffer STARTUP_WARNINGS = new StringBuffer();

    private static volatile boolean started;

    private AgentLog() {}

    public static void info(String message) {
        print(PREFIX, message);
    }

    public static void warn(String message) {
        print(PREFIX + "WARNING: ", message);
        try {
            if (!started && STARTUP_WARNINGS.length() < 16 * 1024) {
                STARTUP_WARNINGS.append(message).append('\n');
            }
        } catch (Throwable t) {
            // out of memory: the line was printed, or lost
        }
    }

    /** Ends start-up: returns its warnings, one a line (empty if none); later warnings are not kept. */
    public static String endStartup() {
        started = true;
        return STARTUP_WARNINGS.toString();
    }

    /** Logs {@code message} the first time {@code key} is seen, and never again in this JVM. */
    public static void warnOnce(String key, String message) {
        try {
            if (SAID_ONCE.add(key)) {
                warn(message);
            }
        } catch (Throwable t) {
            // out of memory: not said, and not marked said either
        }
    }

    /** Says once that {@code what} failed and goes on; safe to call from any catch block, out of memory or not. */
    public static void failedOnce(String what, Throwable failure) {
        try {
            warnOnce("failed:" + what, what + " failed and goes on (said once): " + failure);
        } catch (Throwable t) {
            // out of memory: the line is lost, the caller goes on
        }
    }

    private static void print(String prefix, String message) {
        try {
            System.err.println(prefix + message);
        } catch (Throwable t) {
            // out of memory, or a closed stderr: the line is lost, never the thread
        }
    }
}
