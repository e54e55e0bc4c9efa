package dev.leakprobe.agent.signal;

import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.options.SignalChoice;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;

/**
 * Dumps on a signal. Installing the handler ({@link #install}) is cheap and happens first in premain; the
 * dispatcher thread that decides what a burst of signals means starts later ({@link #startDispatching}).
 */
public final class SignalTrigger {

    /** System property set to "true" while USR2 dumps are paused because JFR samples threads. */
    public static final String PAUSED_PROPERTY = "leakprobe.signal.paused";

    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SignalChoice signal;
    private final SignalRecorder recorder;
    private final boolean collidesWithSuspend;
    private volatile boolean pausedByJfr;

    private SignalTrigger(SignalChoice signal, SignalRecorder recorder) {
        this.signal = signal;
        this.recorder = recorder;
        this.collidesWithSuspend = SuspendSignal.collidesWith(signal);
    }

    /**
     * Installs the handler for {@code signal}. Signals that arrive before {@link #startDispatching} are kept and
     * handled then.
     *
     * @return the trigger, or null when {@code signal} is off or the JVM refused the handler (logged)
     */
    public static SignalTrigger install(SignalChoice signal) {
        if (signal == SignalChoice.OFF) {
            return null;
        }
        SignalRecorder recorder = new SignalRecorder();
        try {
            Signal.handle(new Signal(signal.signalName()), recorder);
        } catch (Throwable t) {
            AgentLog.warn("cannot handle SIG" + signal.signalName() + " (" + t.getMessage()
                    + "); signal dumps are off, JMX and scheduled dumps still work");
            return null;
        }
        return new SignalTrigger(signal, recorder);
    }

    /** Installs a handler that only says, once, that the agent is disabled: a stray kill cannot crash the JVM. */
    public static void installDisabled(SignalChoice signal, String why) {
        if (signal == SignalChoice.OFF) {
            return;
        }
        try {
            Signal.handle(new Signal(signal.signalName()), new DisabledSignalHandler(why));
        } catch (Throwable t) {
            AgentLog.warn("cannot handle SIG" + signal.signalName() + ": " + t.getMessage());
        }
    }

    public SignalChoice signal() {
        return signal;
    }

    public boolean collidesWithSuspendSignal() {
        return collidesWithSuspend;
    }

    public boolean pausedByJfr() {
        return pausedByJfr;
    }

    public void startDispatching(DumpService dumps) {
        Thread thread = new Thread(() -> dispatch(dumps), "leakprobe-signal");
        thread.setDaemon(true);
        recorder.wakeOnSignal(thread);
        thread.start();
    }

    private void dispatch(DumpService dumps) {
        long quiet = SignalCluster.quiet(collidesWithSuspend).toNanos();
        long longest = SignalCluster.LONGEST_REQUEST.toNanos();
        long lastJfrCheck = System.nanoTime();
        while (true) {
            try {
                if (!recorder.hasSignals()) {
                    LockSupport.parkNanos(IDLE_CHECK_NANOS);
                    refreshJfrPause();
                    lastJfrCheck = System.nanoTime();
                    continue;
                }
                long now = System.nanoTime();
                if (now - lastJfrCheck >= IDLE_CHECK_NANOS) {
                    refreshJfrPause(); // keeps the pause visible while a sampler keeps the cluster open
                    lastJfrCheck = now;
                }
                long sinceLast = now - recorder.lastNanos();
                if (sinceLast < quiet) {
                    if (collidesWithSuspend && now - recorder.firstNanos() >= longest) {
                        warnBurst(recorder.lastNanos() - recorder.firstNanos());
                    }
                    LockSupport.parkNanos(quiet - sinceLast);
                    continue;
                }
                decide(recorder.drain(), dumps);
            } catch (Throwable t) {
                AgentLog.failedOnce("the signal dispatcher", t); // never throws: out of memory, the loop goes on
                LockSupport.parkNanos(quiet);
            }
        }
    }

    private void warnBurst(long spanNanos) {
        String sig = "SIG" + signal.signalName();
        AgentLog.warnOnce("signal-burst", "ignoring a burst of " + sig + " (going on for "
                + String.format(java.util.Locale.ROOT, "%.1f s", spanNanos / 1e9)
                + "): a person's kill is over within a second, this looks like a sampler such as JFR's, which"
                + " uses " + sig + " while _JAVA_SR_SIGNUM is unset; bursts like this never dump");
    }

    private void decide(SignalCluster cluster, DumpService dumps) {
        String sig = "SIG" + signal.signalName();
        if (!cluster.isRequest(collidesWithSuspend)) {
            warnBurst(cluster.spanNanos());
            AgentLog.info("a burst of " + sig + " ended (" + cluster.describe() + "); no dump");
            return;
        }
        if (refreshJfrPause()) {
            AgentLog.info(sig + " received (" + cluster.describe() + ") but ignored: JFR samples threads");
            return;
        }
        AgentLog.info(sig + " received (" + cluster.describe() + "): dumping");
        dumps.request(DumpTrigger.SIGNAL);
    }

    /** Re-checks whether JFR samples threads with our signal; says once why dumps are paused. */
    private boolean refreshJfrPause() {
        boolean paused = collidesWithSuspend && jfrSamplesThreads();
        if (paused != pausedByJfr) {
            pausedByJfr = paused;
            System.setProperty(PAUSED_PROPERTY, Boolean.toString(paused));
            if (paused) {
                AgentLog.warnOnce("jfr-pause", "USR2 dumps are paused while JFR samples threads: JFR suspends"
                        + " threads with HotSpot's suspend signal, which is SIGUSR2 when _JAVA_SR_SIGNUM is unset,"
                        + " so its samples reach our handler and cannot be told from a kill. Fix: start the JVM"
                        + " with _JAVA_SR_SIGNUM=40, or dump with `bin/leakprobe dump PID` (JMX) meanwhile.");
            } else {
                AgentLog.info("JFR no longer samples threads: USR2 dumps are back on");
            }
        }
        return paused;
    }

    private static boolean jfrSamplesThreads() {
        try {
            return JfrSampling.samplingThreads();
        } catch (LinkageError e) {
            return false; // no jdk.jfr module in this runtime: no JFR, no sampler
        } catch (RuntimeException e) {
            return false;
        }
    }
}
