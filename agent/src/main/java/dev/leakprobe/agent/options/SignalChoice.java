package dev.leakprobe.agent.options;

/** Which signal asks the agent for a heap dump ({@code signal=USR2|USR1|off}). */
public enum SignalChoice {
    USR2,
    USR1,
    OFF;

    /** The name {@code sun.misc.Signal} knows it by, and the one {@code kill -s} takes. */
    public String signalName() {
        return name();
    }
}
