package dev.leakprobe.agent.jmx;

/** The agent's JMX face, registered as {@code dev.leakprobe:type=Agent}. */
public interface AgentControlMBean {

    /** Takes a heap dump now (or joins the one about to start) and returns the path of the finished file. */
    String dumpHeap();

    String getDirectory();

    String getSignal();

    int getDumpsWritten();

    /** Path of the newest dump this JVM wrote, or null. */
    String getLastDump();

    /** True while signal dumps are paused because JFR samples threads with SIGUSR2. */
    boolean isSignalDumpsPaused();

    /**
     * True while the agent's handler holds its signal; false with signal=off, when the application handled the
     * signal itself at start, or when it installed its own handler since. {@code leakprobe dump} asks before it
     * signals.
     */
    boolean isSignalHandlerInstalled();
}
