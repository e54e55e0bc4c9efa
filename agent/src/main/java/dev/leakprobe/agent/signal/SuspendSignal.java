package dev.leakprobe.agent.signal;

import dev.leakprobe.agent.options.SignalChoice;

/**
 * HotSpot's thread suspend/resume signal on Linux: SIGUSR2 (12) unless the JVM was started with
 * {@code _JAVA_SR_SIGNUM=N}. JFR's thread sampler suspends threads with it.
 */
public final class SuspendSignal {

    private static final int SIGUSR2 = 12;

    private SuspendSignal() {}

    /** Whether {@code choice} is the signal HotSpot suspends threads with in this JVM. */
    public static boolean collidesWith(SignalChoice choice) {
        if (choice != SignalChoice.USR2) {
            return false;
        }
        String moved = System.getenv("_JAVA_SR_SIGNUM");
        if (moved == null || moved.isBlank()) {
            return true;
        }
        try {
            return Integer.parseInt(moved.trim()) == SIGUSR2;
        } catch (NumberFormatException e) {
            return true; // HotSpot ignores a value it cannot parse and keeps SIGUSR2
        }
    }

    public static String collisionWarning() {
        return "SIGUSR2 is also HotSpot's thread-suspend signal in this JVM (_JAVA_SR_SIGNUM is unset). While our"
                + " handler is installed, JFR method sampling records nothing, and while JFR samples threads its"
                + " signals reach our handler: USR2 dumps are then paused. To keep both, start the JVM with"
                + " _JAVA_SR_SIGNUM=40 in its environment; or use signal=USR1, or `bin/leakprobe dump PID` (JMX).";
    }
}
