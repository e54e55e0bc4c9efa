package dev.leakprobe.agent.signal;

import dev.leakprobe.agent.log.AgentLog;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** Installed when the agent is disabled, so that a stray {@code kill -USR2} still cannot crash the JVM. */
final class DisabledSignalHandler implements SignalHandler {

    private final String why;

    DisabledSignalHandler(String why) {
        this.why = why;
    }

    @Override
    public void handle(Signal signal) {
        AgentLog.warnOnce("disabled-signal", "leakprobe is disabled (" + why + "); ignoring SIG" + signal.getName());
    }
}
