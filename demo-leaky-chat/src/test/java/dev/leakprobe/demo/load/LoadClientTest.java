package dev.leakprobe.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakprobe.demo.server.ChatServer;
import dev.leakprobe.demo.server.Mode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadClientTest {

    @Test
    void aPortNobodyListensOnEndsTheRunAtOnceWithAnError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        long start = System.nanoTime();

        LoadResult result = LoadClient.run(
                new LoadOptions(port, 4, 0, Duration.ofSeconds(30), "room1", 3, 1000, Duration.ofSeconds(2)));

        assertThat(result.connections()).isZero();
        assertThat(result.errors()).isBetween(1L, 4L);
        assertThat(result.firstErrors()).anySatisfy(e -> assertThat(e).contains("cannot connect"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theRateCapsMessagesOverAllClientsAndTheDurationEndsTheRun() throws Exception {
        try (ChatServer server = ChatServer.start(Mode.FIXED, 0)) {
            long start = System.nanoTime();

            LoadResult result = LoadClient.run(new LoadOptions(
                    server.port(), 4, 50, Duration.ofSeconds(2), "room1", 1000, 1000, Duration.ofSeconds(5)));

            // 50/s for 2 s: at most 100 sends plus the one each client may take at the very start.
            assertThat(result.messagesSent()).isBetween(10L, 104L);
            assertThat(result.errors()).isZero();
            assertThat(result.connections()).isEqualTo(4);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void optionsRefuseValuesThatCannotBeBounded() {
        assertThatThrownBy(() -> new LoadOptions(0, 1, 0, Duration.ofSeconds(1), "r", 1, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new LoadOptions(7000, 0, 0, Duration.ofSeconds(1), "r", 1, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("clients");
        assertThatThrownBy(() -> new LoadOptions(7000, 1, 0, Duration.ZERO, "r", 1, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> new LoadOptions(7000, 1, 0, Duration.ofSeconds(1), "r", 1, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("connections");
    }

    @Test
    void resultLineIsOneLineOfJson() {
        LoadResult result =
                new LoadResult(3, 9, 9, 27, 0, Duration.ofMillis(1500), 120, 900, 1000, java.util.List.of());

        assertThat(result.machineLine())
                .startsWith("load-result {\"connections\":3,\"messagesSent\":9,")
                .contains("\"messagesPerSecond\":6.0", "\"deliveriesPerSecond\":18.0", "\"p99Micros\":900")
                .doesNotContain("\n");
    }
}
