package dev.leakprobe.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. Each hands off at once and catches everything: nothing the agent does may stop the
 * application from starting.
 */
public final class LeakprobeAgent {

    private LeakprobeAgent() {}

    /** {@code java -javaagent:leakprobe-agent.jar[=options]}. */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    /** {@code leakprobe attach PID [options]}. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    private static void start(String options, Instrumentation instrumentation, boolean attached) {
        try {
            AgentStartup.start(options, instrumentation, attached);
        } catch (Throwable t) {
            System.err.println("[leakprobe] agent failed to start, the application runs without it: " + t);
        }
    }
}
