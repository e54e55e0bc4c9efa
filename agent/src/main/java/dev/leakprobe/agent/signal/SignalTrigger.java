package dev.leakprobe.agent.signal;

import dev.leakprobe.agent.dump.DumpService;
import dev.leakprobe.agent.dump.DumpTrigger;
import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.log.Decimal;
import dev.leakprobe.agent.options.SignalChoice;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Dumps on a signal. Installing the handler ({@link #install}) is cheap and happens first in premain; the
 * dispatcher thread that decides what a burst of signals means starts later ({@link #startDispatching}).
 */
public final class SignalTrigger {

    /** System property set to "true" while USR2 dumps are paused because JFR samples threads. */
    public static final String PAUSED_PROPERTY = "leakprobe.signal.paused";
    /** System property saying why the agent took no signal: the application handles it itself. */
    public static final String REFUSED_PROPERTY = "leakprobe.signal.refused";

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
     * Installs the handler for {@code signal}, unless the application handles that signal itself: then its handler
     * stays and the agent goes on without signal dumps. Signals that arrive before {@link #startDispatching} are
     * kept and handled then.
     *
     * @return the trigger, or null when {@code signal} is off, the application handles it, or the JVM refused the
     *     handler (logged)
     */
    public static SignalTrigger install(SignalChoice signal) {
        if (signal == SignalChoice.OFF) {
            return null;
        }
        SignalRecorder recorder = new SignalRecorder();
        try {
            if (!installUnlessTheApplicationHandles(signal, recorder)) {
                String refusal = refusal(signal);
                System.setProperty(REFUSED_PROPERTY, refusal);
                AgentLog.warn(refusal);
                return null;
            }
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
            installUnlessTheApplicationHandles(signal, new DisabledSignalHandler(why));
        } catch (Throwable t) {
            AgentLog.warn("cannot handle SIG" + signal.signalName() + ": " + t.getMessage());
        }
    }

    /**
     * {@code Signal.handle} is the only way to learn the installed handler, and it installs one: so install ours,
     * and put the application's back at once when that is what we replaced. A signal in between (microseconds)
     * reaches our handler instead of the application's.
     */
    private static boolean installUnlessTheApplicationHandles(SignalChoice signal, SignalHandler ours) {
        Signal sig = new Signal(signal.signalName());
        synchronized (Signal.class) { // Signal.handle's own lock: no other handle() call comes between our two
            SignalHandler previous = Signal.handle(sig, ours);
            if (!isTheApplications(previous)) {
                return true;
            }
            Signal.handle(sig, previous);
            return false;
        }
    }

    /**
     * Whether {@code handler} is Java code someone installed with {@code Signal.handle}: that comes back as itself.
     * The JDK hands back the default action, "ignore" and native handlers (HotSpot's own suspend handler is on
     * SIGUSR2 unless {@code _JAVA_SR_SIGNUM} moves it) as wrappers of its own, classes of {@code jdk.unsupported};
     * those we replace, as we replace our own handler of a disabled start.
     */
    static boolean isTheApplications(SignalHandler handler) {
        return handler != SignalHandler.SIG_DFL
                && handler != SignalHandler.SIG_IGN
                && handler.getClass().getModule() != SignalHandler.class.getModule()
                && !(handler instanceof SignalRecorder)
                && !(handler instanceof DisabledSignalHandler);
    }

    private static String refusal(SignalChoice signal) {
        String sig = "SIG" + signal.signalName();
        return "the application handles " + sig + " itself; leakprobe leaves its handler in place and takes no signal"
                + " dumps (the rest of the agent works). To dump: `leakprobe dump PID` (JMX), or start the agent with"
                + " signal=" + (signal == SignalChoice.USR2 ? "USR1" : "USR2") + " if the application leaves that"
                + " one free";
    }

    /**
     * Whether our handler still holds the signal: the application may have installed its own since. Asked by
     * {@code leakprobe dump} (through the MBean) before it signals; the same round trip as at installation, so the
     * application's handler is put back at once. Says once when it was replaced.
     */
    public boolean handlerInstalled() {
        Signal sig = new Signal(signal.signalName());
        synchronized (Signal.class) {
            SignalHandler current = Signal.handle(sig, recorder);
            if (current == recorder) {
                return true;
            }
            Signal.handle(sig, current);
        }
        AgentLog.warnOnce(
                "signal-replaced",
                "the application replaced the agent's SIG" + signal.signalName()
                        + " handler with its own; signal dumps are off, `leakprobe dump PID` dumps through JMX");
        return false;
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
                try {
                    AgentLog.failedOnce("the signal dispatcher", t);
                } catch (Throwable outOfMemory) {
                    // even the literal above needs heap the first time: the loop goes on all the same
                }
                LockSupport.parkNanos(quiet);
            }
        }
    }

    private void warnBurst(long spanNanos) {
        String sig = "SIG" + signal.signalName();
        AgentLog.warnOnce(
                "signal-burst",
                "ignoring a burst of " + sig + " (going on for "
                        + Decimal.fixed(spanNanos / 1e9, 1) + " s"
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
                AgentLog.warnOnce(
                        "jfr-pause",
                        "USR2 dumps are paused while JFR samples threads: JFR suspends"
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
