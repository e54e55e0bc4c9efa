package dev.leakprobe.demo.load;

import dev.leakprobe.demo.protocol.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a chat server like the socket.io demo's {@code makeNewConn()} loop: connect, join, talk, quit, again.
 * One blocking thread per client; every loop is bounded by the deadline and by the connection count.
 */
public final class LoadClient {

    private static final int MAX_REPORTED_ERRORS = 5;

    private final LoadOptions options;
    private final long deadlineNanos;
    private final long intervalNanos;
    private final AtomicLong nextSendNanos = new AtomicLong();
    private final AtomicLong connectionsStarted = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicBoolean serverGone = new AtomicBoolean();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    private LoadClient(LoadOptions options) {
        this.options = options;
        this.deadlineNanos = System.nanoTime() + options.duration().toNanos();
        this.intervalNanos = options.rate() == 0 ? 0 : 1_000_000_000L / options.rate();
        this.nextSendNanos.set(System.nanoTime());
    }

    /** Runs the load to its end and returns what it measured. */
    public static LoadResult run(LoadOptions options) throws InterruptedException {
        return new LoadClient(options).runWorkers();
    }

    private LoadResult runWorkers() throws InterruptedException {
        long start = System.nanoTime();
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            int workerId = i;
            Thread worker = new Thread(() -> work(workerId, mine), "load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        // Each worker stops at the deadline; one reply timeout more covers a worker blocked in a read.
        long joinUntil = deadlineNanos + options.replyTimeout().toNanos() * 3;
        for (Thread worker : workers) {
            long left = joinUntil - System.nanoTime();
            if (left > 0) {
                worker.join(Math.max(1, left / 1_000_000));
            }
        }
        long elapsed = System.nanoTime() - start;
        long[] sorted = LatencySamples.mergeSorted(samples);
        return new LoadResult(
                connections.get(),
                messagesSent.get(),
                sorted.length,
                deliveries.get(),
                errors.get(),
                Duration.ofNanos(elapsed),
                LatencySamples.percentile(sorted, 50) / 1000,
                LatencySamples.percentile(sorted, 99) / 1000,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000,
                List.copyOf(firstErrors));
    }

    private void work(int workerId, LatencySamples samples) {
        long sequence = 0;
        while (!timeIsUp() && !serverGone.get() && connectionsStarted.incrementAndGet() <= options.connections()) {
            try (LineConnection connection = LineConnection.open(options.port(), options.replyTimeout())) {
                sequence = converse(connection, workerId, sequence, samples);
            } catch (ConnectException e) {
                serverGone.set(true);
                error("cannot connect to port " + options.port() + ": " + e.getMessage());
            } catch (SocketTimeoutException e) {
                error("no reply within " + options.replyTimeout().toMillis() + " ms");
            } catch (IOException e) {
                error(e.getMessage());
            }
        }
    }

    /** One connection's life: hello, join, messages, quit. Returns the worker's next message sequence number. */
    private long converse(LineConnection connection, int workerId, long sequence, LatencySamples samples)
            throws IOException {
        String hello = expectLine(connection);
        if (!hello.startsWith(Protocol.HELLO + " ")) {
            throw new ProtocolError("expected HELLO, got: " + hello);
        }
        String user = hello.substring(Protocol.HELLO.length() + 1);
        connection.send("JOIN " + options.room());
        awaitLine(connection, Protocol.joined(options.room()));
        connections.incrementAndGet();
        for (int i = 0; i < options.messages() && awaitSendSlot(); i++) {
            String text = "w" + workerId + "-" + sequence++;
            long sentAt = System.nanoTime();
            connection.send("MSG " + text);
            messagesSent.incrementAndGet();
            awaitLine(connection, Protocol.message(options.room(), user, text));
            samples.add(System.nanoTime() - sentAt);
        }
        connection.send("QUIT");
        awaitLine(connection, Protocol.bye());
        // Wait for the server to close, so that when the run ends every session it made is closed.
        while (connection.readLine() != null) {
            // Lines broadcast before the close: already counted or irrelevant.
        }
        return sequence;
    }

    /** Reads until {@code expected} arrives, counting every broadcast message on the way. */
    private void awaitLine(LineConnection connection, String expected) throws IOException {
        while (true) {
            String line = expectLine(connection);
            if (line.startsWith(Protocol.MSG + " ")) {
                deliveries.incrementAndGet();
            }
            if (line.equals(expected)) {
                return;
            }
            if (line.startsWith(Protocol.ERR + " ")) {
                throw new ProtocolError("server answered: " + line);
            }
        }
    }

    private static String expectLine(LineConnection connection) throws IOException {
        String line = connection.readLine();
        if (line == null) {
            throw new ProtocolError("server closed the connection");
        }
        return line;
    }

    /**
     * Spreads sends over all workers at the configured rate (a worker that fell behind sends at once).
     *
     * @return false when the run's time is up before this worker's turn
     */
    private boolean awaitSendSlot() {
        if (intervalNanos == 0) {
            return !timeIsUp();
        }
        long now = System.nanoTime();
        long slot = Math.max(now, nextSendNanos.getAndUpdate(previous -> Math.max(previous, now) + intervalNanos));
        if (slot - deadlineNanos >= 0) {
            // No turn left in this run: wait it out rather than reconnect and ask again.
            LockSupport.parkNanos(deadlineNanos - now);
            return false;
        }
        LockSupport.parkNanos(slot - now);
        return true;
    }

    private boolean timeIsUp() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    private void error(String description) {
        errors.incrementAndGet();
        synchronized (firstErrors) {
            if (firstErrors.size() < MAX_REPORTED_ERRORS && !firstErrors.contains(description)) {
                firstErrors.add(description);
            }
        }
    }

    /** The server said something the protocol does not allow at that point. */
    private static final class ProtocolError extends IOException {
        ProtocolError(String message) {
            super(message);
        }
    }
}
