package dev.leakprobe.agent.log;

/**
 * A task of the agent that must survive whatever it throws, an {@link OutOfMemoryError} of the application included:
 * a loop that lets a throwable out ends its thread, and a periodic task that throws would be cancelled.
 */
public final class Guarded {

    private Guarded() {}

    /** Runs {@code task}; a failure is said once under {@code what}, and never thrown. */
    public static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            AgentLog.failedOnce(what, t);
        }
    }
}
