package dev.leakprobe.demo.http.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 server both demos share: one accepting thread, a thread per open connection (at most 256; more are
 * answered 503 and closed), keep-alive, and a read timeout, so that a client that sends half a request or goes
 * silent holds its thread for {@link #READ_TIMEOUT_MILLIS} at most and nobody else waits for it.
 */
public final class ConnectionServer implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final int MAX_CONNECTIONS = 256;

    private final ServerSocket listener;
    private final Handler handler;
    private final ThreadPoolExecutor connections;
    private final Thread acceptor;

    /** Serves {@code listener} (already bound) with {@code handler} until {@link #close()}. */
    public ConnectionServer(ServerSocket listener, Handler handler, String name) {
        this.listener = listener;
        this.handler = handler;
        AtomicInteger count = new AtomicInteger();
        this.connections =
                new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, name + "-connection-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    }

    public ConnectionServer start() {
        acceptor.start();
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                continue; // one failed accept (a reset before we took it, out of file descriptors) is not the end
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException busy) {
                refuse(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            RequestReader reader = new RequestReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (true) {
                Request request;
                try {
                    request = reader.next();
                } catch (BadRequest bad) {
                    ResponseWriter.write(out, Response.text(bad.status(), bad.getMessage() + "\n"), false);
                    return;
                }
                if (request == null) {
                    return;
                }
                boolean keepAlive = request.keepAlive();
                ResponseWriter.write(out, answer(request), keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException gone) {
            // The client went away, mid-request or mid-answer, or stayed silent past the timeout: nothing to answer.
        }
    }

    private Response answer(Request request) {
        try {
            return handler.handle(request);
        } catch (Exception | LinkageError e) {
            System.err.println("request " + request.method() + " " + request.target() + " failed: " + e);
            return Response.text(500, "internal error\n");
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            ResponseWriter.write(socket.getOutputStream(), Response.text(503, "too many connections\n"), false);
        } catch (IOException ignored) {
            // It was only a courtesy.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listener that failed is still closing it.
        }
        connections.shutdownNow();
    }
}
