package dev.leakprobe.demo.http.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One place in the cluster, worker N: keeps a worker JVM running in it, starting a new one whenever the last one
 * exits, until the supervisor stops. A worker that dies within {@link #QUICK_DEATH} of its start (a port taken, a
 * bad option) is restarted after a pause that doubles each time, up to 30 s, so that a broken setup does not spin.
 */
final class WorkerSlot {

    static final Duration QUICK_DEATH = Duration.ofSeconds(5);

    private final int index;
    private final List<String> command;
    private final Thread keeper;
    private volatile boolean stopping;
    private volatile Process process;

    WorkerSlot(int index, List<String> command) {
        this.index = index;
        this.command = List.copyOf(command);
        this.keeper = new Thread(this::keepRunning, "worker-" + index + "-keeper");
    }

    void start() {
        keeper.start();
    }

    private void keepRunning() {
        long pause = 1_000;
        while (!stopping) {
            long started = System.nanoTime();
            Process worker;
            try {
                ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
                // HotSpot's suspend signal off SIGUSR2, so that the agent's USR2 dumps work (DEVELOPERS.md).
                builder.environment().putIfAbsent("_JAVA_SR_SIGNUM", "40");
                worker = builder.start();
            } catch (IOException e) {
                System.err.println("cluster: cannot start worker " + index + ": " + e.getMessage());
                return;
            }
            process = worker;
            System.out.println("cluster: worker " + index + " started pid=" + worker.pid());
            int code;
            try {
                code = worker.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                return;
            }
            System.out.println("cluster: worker " + index + " (pid " + worker.pid() + ") exited with code " + code
                    + "; starting a new one");
            if (System.nanoTime() - started < QUICK_DEATH.toNanos()) {
                if (!pauseFor(pause)) {
                    return;
                }
                pause = Math.min(pause * 2, 30_000);
            } else {
                pause = 1_000;
            }
        }
    }

    private boolean pauseFor(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Sends SIGTERM (a JVM runs its shutdown hooks), and kills the worker if it has not exited by the deadline. */
    void stop(Duration patience) {
        stopping = true;
        keeper.interrupt();
        Process worker = process;
        if (worker == null) {
            return;
        }
        worker.destroy();
        try {
            if (!worker.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            worker.destroyForcibly();
        }
    }
}
