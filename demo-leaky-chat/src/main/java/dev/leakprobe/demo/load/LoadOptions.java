package dev.leakprobe.demo.load;

import java.time.Duration;

/**
 * What the load client does: {@code clients} workers each connect, join {@code room}, send {@code messages}
 * messages (each waits for its own broadcast to come back), quit, and start over, until {@code duration} has passed
 * or {@code connections} connections have been made.
 *
 * @param rate        messages per second over all workers; 0 sends as fast as round trips allow
 * @param replyTimeout how long to wait for any reply before counting an error and dropping the connection
 */
public record LoadOptions(
        int port,
        int clients,
        int rate,
        Duration duration,
        String room,
        int messages,
        long connections,
        Duration replyTimeout) {

    public static final int MAX_CLIENTS = 1000;

    public LoadOptions {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients must be 1-" + MAX_CLIENTS + ", got " + clients);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or more, got " + rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (messages < 0) {
            throw new IllegalArgumentException("messages must be 0 or more, got " + messages);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be 1 or more, got " + connections);
        }
    }
}
