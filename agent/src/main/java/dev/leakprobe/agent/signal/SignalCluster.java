package dev.leakprobe.agent.signal;

import java.time.Duration;

/**
 * Signals that came close together: each less than {@link #QUIET} after the one before.
 *
 * <p>A person's {@code kill} (or a script's loop of them) is over within a second; JFR's thread sampler, which
 * uses the same signal when {@code _JAVA_SR_SIGNUM} is unset, keeps signalling for as long as threads run. So a
 * cluster shorter than {@link #LONGEST_REQUEST} is one request for one dump, however many signals it held, and a
 * longer one is sampler traffic and never dumps.
 *
 * @param signals how many signals the cluster held
 * @param spanNanos time from its first to its last signal
 */
record SignalCluster(int signals, long spanNanos) {

    static final Duration QUIET = Duration.ofMillis(250);
    static final Duration LONGEST_REQUEST = Duration.ofSeconds(1);

    boolean isRequest() {
        return signals > 0 && spanNanos < LONGEST_REQUEST.toNanos();
    }

    String describe() {
        return signals + (signals == 1 ? " signal" : " signals") + " over "
                + String.format(java.util.Locale.ROOT, "%.2f s", spanNanos / 1e9);
    }
}
