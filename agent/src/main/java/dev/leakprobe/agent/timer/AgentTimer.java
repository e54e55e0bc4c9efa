package dev.leakprobe.agent.timer;

import dev.leakprobe.agent.log.Guarded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's periodic tasks (the metrics line, scheduled dumps, the rss check) on one daemon thread of its own.
 *
 * <p>Not a {@code ScheduledExecutorService}: a periodic task whose run throws is cancelled there for good, and after
 * the application ran out of memory the executor's own worker died although every task caught everything (measured:
 * {@code Exception in thread "leakprobe-timer"} on JDK 25, no metrics row after the recovery); its replacement needs
 * a new thread just when there is no memory for one. This loop allocates nothing of its own, runs each task
 * {@link Guarded}, and has no way to end.
 */
public final class AgentTimer {

    private final List<Entry> adding = new ArrayList<>();
    private volatile Entry[] entries;

    /** One task: what it is, how often, and when it is next due (read and written by the timer thread only). */
    private static final class Entry {
        final String what;
        final Runnable task;
        final long periodNanos;
        long dueNanos;

        Entry(String what, Runnable task, long periodNanos) {
            this.what = what;
            this.task = task;
            this.periodNanos = periodNanos;
        }
    }

    /** Runs {@code task} every {@code period}, the first time one period after {@link #start}. Before start only. */
    public synchronized void every(Duration period, String what, Runnable task) {
        if (entries != null) {
            throw new IllegalStateException("the timer has started");
        }
        adding.add(new Entry(what, task, Math.max(1, period.toNanos())));
    }

    /** Starts the thread; does nothing when no task was added. */
    public synchronized void start() {
        if (entries != null || adding.isEmpty()) {
            return;
        }
        Entry[] all = adding.toArray(new Entry[0]);
        long now = System.nanoTime();
        for (Entry e : all) {
            e.dueNanos = now + e.periodNanos;
        }
        entries = all;
        Thread thread = new Thread(() -> loop(all), "leakprobe-timer");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loop(Entry[] all) {
        while (true) {
            try {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                for (Entry e : all) {
                    if (now - e.dueNanos >= 0) {
                        Guarded.run(e.what, e.task);
                        e.dueNanos += e.periodNanos;
                        long after = System.nanoTime();
                        if (after - e.dueNanos >= 0) {
                            e.dueNanos = after + e.periodNanos; // far behind (a long dump, a pause): skip, not burst
                        }
                    }
                    wait = Math.min(wait, e.dueNanos - System.nanoTime());
                }
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            } catch (Throwable t) {
                // Nothing here may allocate: the next round goes on.
            }
        }
    }
}
