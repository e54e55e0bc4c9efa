package dev.leakprobe.agent.signal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signal handler itself: notes when the signal came and wakes the dispatcher, nothing else.
 *
 * <p>HotSpot runs Java signal handlers on a fresh thread per signal; JFR's sampler can deliver 50–200 a second, so
 * this must stay allocation-light and never block. Deliberately a named class, not a lambda: it is installed first
 * thing in premain, before the lambda machinery is warmed up.
 */
final class SignalRecorder implements SignalHandler {

    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Thread dispatcher;

    @Override
    public void handle(Signal signal) {
        long now = System.nanoTime();
        lastNanos.set(now);
        if (count.getAndIncrement() == 0) {
            firstNanos.set(now);
        }
        Thread waiting = dispatcher;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    void wakeOnSignal(Thread thread) {
        dispatcher = thread;
    }

    boolean hasSignals() {
        return count.get() > 0;
    }

    long firstNanos() {
        return firstNanos.get();
    }

    long lastNanos() {
        return lastNanos.get();
    }

    /** Takes the signals counted so far as one cluster and starts counting afresh. */
    SignalCluster drain() {
        long last = lastNanos.get();
        long first = firstNanos.get();
        int n = count.getAndSet(0);
        return new SignalCluster(n, Math.max(0, last - first));
    }
}
