package dev.leakprobe.agent;

/**
 * System properties through which the agent's state is visible from outside, e.g. to {@code leakprobe dump PID}
 * via the attach API's {@code VirtualMachine.getSystemProperties()}.
 */
public final class AgentProperties {

    /** Set as soon as the agent starts in this JVM (valid options or not): a second attach does nothing. */
    public static final String LOADED = "leakprobe.loaded";
    /** "true" once every trigger is installed. */
    public static final String READY = "leakprobe.ready";
    /** The dump signal (USR2, USR1) or "off". */
    public static final String SIGNAL = "leakprobe.signal";
    /** Absolute dump directory. */
    public static final String DIR = "leakprobe.dir";
    /** Why the agent disabled itself (bad options). */
    public static final String ERROR = "leakprobe.error";
    /**
     * The warnings the agent gave while starting (a {@code dir} it cannot create, a Prometheus page beyond loopback),
     * one a line: {@code attach} repeats them, since the agent's stderr is the target's, not the attaching command's.
     */
    public static final String STARTUP_WARNINGS = "leakprobe.startup.warnings";
    /** URL of the Prometheus page, when served. */
    public static final String PROMETHEUS = "leakprobe.prometheus";

    /** {@code <epochMillis> <why>} of the last dump that was skipped or failed (e.g. by {@code disk-reserve}). */
    public static final String LAST_REFUSAL = "leakprobe.dump.refused";
    /** The watch mode's window ("30 min"), when {@code watch=} is on. */
    public static final String WATCH = "leakprobe.watch";
    /** The watch mode's last judgement, one line ("watch: live set +0.1 MB/min over 30 min ..."). */
    public static final String WATCH_LAST = "leakprobe.watch.last";

    private AgentProperties() {}
}
