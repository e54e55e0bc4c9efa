package dev.leakprobe.agent.signal;

import dev.leakprobe.agent.log.Decimal;
import java.time.Duration;

/**
 * Signals that came close together: each less than a quiet gap after the one before.
 *
 * <p>While {@code _JAVA_SR_SIGNUM} is unset, JFR's thread sampler uses the same signal and keeps signalling for as long
 * as threads run, while a person's {@code kill} (or a script's loop of them) is over within a second. So then a cluster
 * shorter than {@link #LONGEST_REQUEST} is one request for one dump, however many signals it held, and a longer one is
 * sampler traffic and never dumps. With the suspend signal moved (or with USR1) no sampler sends ours: every cluster,
 * however long, is one request, and the quiet gap that ends it is longer ({@link #QUIET_WITHOUT_SAMPLER}), so that a
 * script's kills a few hundred ms apart still make one dump.
 *
 * @param signals how many signals the cluster held
 * @param spanNanos time from its first to its last signal
 */
record SignalCluster(int signals, long spanNanos) {

    /** Ends a cluster while a sampler may be the sender: its bursts are split by our dumps' pauses of 250 ms and more. */
    static final Duration QUIET = Duration.ofMillis(250);
    /** Ends a cluster when no sampler can be the sender. */
    static final Duration QUIET_WITHOUT_SAMPLER = Duration.ofSeconds(1);

    static final Duration LONGEST_REQUEST = Duration.ofSeconds(1);

    /** The quiet gap that ends a cluster. */
    static Duration quiet(boolean samplerMaySend) {
        return samplerMaySend ? QUIET : QUIET_WITHOUT_SAMPLER;
    }

    /** @param samplerMaySend whether JFR's sampler may be sending our signal (USR2, {@code _JAVA_SR_SIGNUM} unset) */
    boolean isRequest(boolean samplerMaySend) {
        return signals > 0 && (!samplerMaySend || spanNanos < LONGEST_REQUEST.toNanos());
    }

    String describe() {
        return signals + (signals == 1 ? " signal" : " signals") + " over " + Decimal.fixed(spanNanos / 1e9, 2) + " s";
    }
}
