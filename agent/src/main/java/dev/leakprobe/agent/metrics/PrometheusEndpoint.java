package dev.leakprobe.agent.metrics;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.options.AgentOptions.HostPort;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves Micrometer's Prometheus scrape page at {@code /metrics}: one request per connection, each on a worker of a
 * small pool, and every connection closed when its time is up, whether the client is slow to send its request or
 * slow to read the page. So one client cannot hang the page for the others. And a few cannot either: when every worker
 * is busy, a new connection takes the place of the oldest one that has not sent its whole request yet (that one is
 * closed). Four clients that each sent half a request line and reconnected used to hold all the workers for good, and
 * every scrape got a 503 (issue 19, item 13); a connection that has sent its request is never dropped for another.
 *
 * <p>Not the JDK's {@code HttpServer}: its timeouts are system properties read once for the whole JVM (the
 * application's own servers included), and without them a client that sends half a request holds a worker forever.
 */
public final class PrometheusEndpoint {

    /**
     * Connections served at once; one more takes the place of the oldest still sending its request, or, when all
     * are past that, gets a 503 at once (scrapers retry on their next interval).
     */
    static final int WORKERS = 4;
    /** How long a client has to send its request line and headers. */
    static final int REQUEST_MILLIS = 5_000;
    /** How long a connection may last in all, reading the page included. */
    static final long CONNECTION_MILLIS = 15_000;

    private static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a new connection waits for the worker of the connection it closed to come free. */
    private static final long TAKE_OVER_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerSocket socket;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final String url;

    private PrometheusEndpoint(
            ServerSocket socket, ThreadPoolExecutor workers, ScheduledThreadPoolExecutor deadlines, String url) {
        this.socket = socket;
        this.workers = workers;
        this.deadlines = deadlines;
        this.url = url;
    }

    /** Binds, warns once when the page is reachable beyond loopback, and serves on daemon threads. */
    public static PrometheusEndpoint start(HostPort where, PrometheusMeterRegistry registry) throws IOException {
        InetAddress address = InetAddress.getByName(where.host());
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, where.port()), 16);
        HostPort bound = new HostPort(where.host(), socket.getLocalPort());
        if (!address.isLoopbackAddress()) {
            AgentLog.warnOnce(
                    "prometheus-exposed",
                    "the Prometheus page listens on " + bound + ", beyond loopback:"
                            + " whoever reaches this host on that port reads this JVM's memory figures. Bind it to"
                            + " 127.0.0.1 (prometheus=" + bound.port()
                            + ") unless a scraper on another host needs it.");
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                0, WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons("leakprobe-prometheus-"));
        ScheduledThreadPoolExecutor deadlines =
                new ScheduledThreadPoolExecutor(1, daemons("leakprobe-prometheus-timer-"));
        deadlines.setRemoveOnCancelPolicy(true);
        Deque<Socket> reading = new ConcurrentLinkedDeque<>();
        Thread acceptor =
                new Thread(() -> accept(socket, workers, deadlines, reading, registry), "leakprobe-prometheus");
        acceptor.setDaemon(true);
        acceptor.start();
        return new PrometheusEndpoint(socket, workers, deadlines, "http://" + bound + "/metrics");
    }

    public String url() {
        return url;
    }

    /** For tests: the agent serves the page as long as the JVM runs. */
    void close() throws IOException {
        socket.close();
        workers.shutdownNow();
        deadlines.shutdownNow();
    }

    private static void accept(
            ServerSocket server,
            ThreadPoolExecutor workers,
            ScheduledThreadPoolExecutor deadlines,
            Deque<Socket> reading,
            PrometheusMeterRegistry registry) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                // Closing the socket is what unblocks a worker stuck writing to a client that never reads.
                ScheduledFuture<?> deadline =
                        deadlines.schedule(() -> closeQuietly(client), CONNECTION_MILLIS, TimeUnit.MILLISECONDS);
                Runnable work = () -> {
                    try {
                        serve(client, reading, registry);
                    } finally {
                        deadline.cancel(false);
                        closeQuietly(client);
                    }
                };
                if (!tryExecute(workers, work, reading)) {
                    deadline.cancel(false);
                    refuse(client);
                }
            } catch (Throwable t) {
                if (server.isClosed()) {
                    return;
                }
                AgentLog.warnOnce(
                        "prometheus-accept",
                        "the Prometheus page failed to accept a connection (it keeps" + " serving): " + t);
                LockSupport.parkNanos(ACCEPT_RETRY_NANOS); // out of file descriptors, say: no busy loop
            }
        }
    }

    /**
     * Hands the connection to a worker; when all are busy, closes the oldest connection still sending its request
     * and waits (briefly) for its worker. False when no worker comes free.
     */
    private static boolean tryExecute(ThreadPoolExecutor workers, Runnable work, Deque<Socket> reading) {
        long until = System.nanoTime() + TAKE_OVER_NANOS;
        boolean closedOne = false;
        while (true) {
            try {
                workers.execute(work);
                return true;
            } catch (RejectedExecutionException busy) {
                if (!closedOne) {
                    Socket oldest = reading.pollFirst();
                    if (oldest == null) {
                        return false; // every worker serves a whole request: none is taken away
                    }
                    closeQuietly(oldest); // its worker's read fails at once
                    closedOne = true;
                } else if (System.nanoTime() - until > 0) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private static void serve(Socket client, Deque<Socket> reading, PrometheusMeterRegistry registry) {
        try {
            ScrapeRequest request;
            reading.addLast(client);
            try {
                request = ScrapeRequest.read(client, REQUEST_MILLIS);
            } finally {
                reading.remove(client);
            }
            OutputStream out = client.getOutputStream();
            if (request == null) {
                return; // nothing sensible arrived in time: drop the connection
            }
            if (!request.path().equals("/metrics")) {
                respond(out, "404 Not Found", null, false);
            } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                respond(out, "405 Method Not Allowed", null, false);
            } else {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                respond(out, "200 OK", body, request.method().equals("HEAD"));
            }
        } catch (IOException e) {
            // the client went away or its time was up
        } catch (Throwable t) {
            AgentLog.warnOnce(
                    "prometheus-serve", "the Prometheus page failed to answer a request (it keeps" + " serving): " + t);
        }
    }

    /** A few bytes into a fresh connection's empty send buffer: this never waits for the client. */
    private static void refuse(Socket client) {
        try (client) {
            respond(client.getOutputStream(), "503 Service Unavailable", null, false);
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void respond(OutputStream out, String status, byte[] body, boolean headOnly) throws IOException {
        int length = body == null ? 0 : body.length;
        String head = "HTTP/1.1 " + status + "\r\n"
                + (body == null ? "" : "Content-Type: " + CONTENT_TYPE + "\r\n")
                + "Content-Length: " + length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (body != null && !headOnly) {
            out.write(body);
        }
        out.flush();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
