package dev.leakprobe.demo.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one load run did.
 *
 * @param connections     connections that got as far as joining the room
 * @param messagesSent    MSG lines sent
 * @param roundTrips      of those, messages whose own broadcast came back (the latency samples)
 * @param deliveries      MSG broadcast lines received by all workers (their own and everyone else's)
 * @param errors          connections that failed: refused, reset, timed out, or an unexpected reply
 * @param firstErrors     the first few error descriptions, for the person reading the summary
 */
public record LoadResult(
        long connections,
        long messagesSent,
        long roundTrips,
        long deliveries,
        long errors,
        Duration elapsed,
        long p50Micros,
        long p99Micros,
        long maxMicros,
        List<String> firstErrors) {

    public double messagesPerSecond() {
        return perSecond(messagesSent);
    }

    public double deliveriesPerSecond() {
        return perSecond(deliveries);
    }

    private double perSecond(long count) {
        long millis = Math.max(1, elapsed.toMillis());
        return count * 1000.0 / millis;
    }

    /** Lines for a person. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "load: %d connections, %d messages sent, %d deliveries received, %d errors in %.1f s%n"
                        + "load: %.0f messages/s in, %.0f deliveries/s out, round trip p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms",
                connections,
                messagesSent,
                deliveries,
                errors,
                elapsed.toMillis() / 1000.0,
                messagesPerSecond(),
                deliveriesPerSecond(),
                p50Micros / 1000.0,
                p99Micros / 1000.0,
                maxMicros / 1000.0);
    }

    /** One line for scripts and tests: {@code load-result {"connections":...}}. */
    public String machineLine() {
        return "load-result " + toJson();
    }

    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"connections\":%d,\"messagesSent\":%d,\"roundTrips\":%d,\"deliveries\":%d,\"errors\":%d,"
                        + "\"elapsedMillis\":%d,\"messagesPerSecond\":%.1f,\"deliveriesPerSecond\":%.1f,"
                        + "\"p50Micros\":%d,\"p99Micros\":%d,\"maxMicros\":%d}",
                connections,
                messagesSent,
                roundTrips,
                deliveries,
                errors,
                elapsed.toMillis(),
                messagesPerSecond(),
                deliveriesPerSecond(),
                p50Micros,
                p99Micros,
                maxMicros);
    }
}
