package dev.leakprobe.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.options.AgentOptions.HostPort;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page's small HTTP server, in this JVM; a slow client that is dropped is {@code MetricsIT}'s. */
class PrometheusEndpointTest {

    private PrometheusMeterRegistry registry;
    private PrometheusEndpoint endpoint;
    private int port;

    @BeforeEach
    void start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("leakprobe.test.requests").increment();
        endpoint = PrometheusEndpoint.start(new HostPort("127.0.0.1", 0), registry);
        port = URI.create(endpoint.url()).getPort();
    }

    @AfterEach
    void stop() throws IOException {
        endpoint.close();
    }

    @Test
    void servesThePageAndItsHeadAndNothingElse() throws Exception {
        assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + port + "/metrics");
        String page = exchange("GET /metrics?ignored=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(page)
                .startsWith("HTTP/1.1 200 OK\r\n")
                .contains(
                        "Content-Type: text/plain; version=0.0.4",
                        "Connection: close",
                        "leakprobe_test_requests_total 1.0");
        int length = Integer.parseInt(page.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        assertThat(page.substring(page.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8))
                .hasSize(length);

        String head = exchange("HEAD /metrics HTTP/1.0\n\n");
        assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n");
        assertThat(exchange("GET /other HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(exchange("DELETE /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ");
        assertThat(exchange("not http at all\r\n\r\n")).isEmpty();
    }

    @Test
    void aRequestTricklingInWithinItsTimeIsServed() throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            OutputStream out = client.getOutputStream();
            for (String piece : List.of("GET /me", "trics HTTP/1.1\r\n", "Host: x\r\n", "\r\n")) {
                out.write(piece.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 200 OK\r\n");
        }
    }

    /**
     * A connection beyond the workers takes the place of the oldest that has not sent its whole request: the slow
     * ones used to keep every scrape out with a 503 until their time was up.
     */
    @Test
    void aConnectionBeyondTheWorkersTakesThePlaceOfTheOldestHalfRequest() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < PrometheusEndpoint.WORKERS; i++) {
                Socket client = new Socket("127.0.0.1", port);
                client.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(client);
            }
            assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
            slow.get(0).setSoTimeout(30_000);
            assertThat(slow.get(0).getInputStream().read())
                    .as("the oldest half request is closed")
                    .isEqualTo(-1);
        } finally {
            for (Socket client : slow) {
                client.close();
            }
        }
    }

    /** Issue 19, item 13: four clients that each sent half a request line and reconnected made every scrape 503. */
    @Test
    void fourClientsReconnectingWithHalfARequestKeepNoScrapeOut() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < PrometheusEndpoint.WORKERS; i++) {
            Thread attacker = new Thread(() -> {
                while (!stop.get()) {
                    try (Socket client = new Socket("127.0.0.1", port)) {
                        client.getOutputStream().write("GET /met".getBytes(StandardCharsets.US_ASCII));
                        client.setSoTimeout(10_000);
                        client.getInputStream().read(); // until the server closes it (or answers)
                    } catch (IOException e) {
                        // closed: connect again
                    }
                }
            });
            attacker.setDaemon(true);
            attacker.start();
            attackers.add(attacker);
        }
        try {
            for (int scrape = 0; scrape < 5; scrape++) {
                assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n"))
                        .as("scrape %d", scrape)
                        .startsWith("HTTP/1.1 200 OK\r\n");
            }
        } finally {
            stop.set(true);
            for (Thread attacker : attackers) {
                attacker.join(30_000);
            }
        }
    }

    /** Sends {@code request} whole and returns all the server wrote before it closed the connection. */
    private String exchange(String request) throws IOException {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
