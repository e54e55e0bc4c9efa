package dev.leakprobe.agent.log;

/**
 * A task of the agent that must survive whatever it throws, an {@link OutOfMemoryError} of the application included.
 *
 * <p>Why it matters: a periodic task whose run throws is cancelled for good by its {@code ScheduledExecutorService},
 * and a loop that lets a throwable out ends its thread. Catching inside the task keeps both.
 */
public final class Guarded {

    private Guarded() {}

    /** {@code task}, which from now on never throws: a failure is said once under {@code what}. */
    public static Runnable task(String what, Runnable task) {
        return () -> run(what, task);
    }

    public static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            AgentLog.failedOnce(what, t);
        }
    }
}
