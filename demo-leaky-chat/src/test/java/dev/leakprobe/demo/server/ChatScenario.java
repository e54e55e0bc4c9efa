package dev.leakprobe.demo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakprobe.junit.LeakTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The leak test of the chat server: a user joins a room, says something and leaves (QUIT, and the connection ends),
 * a hundred times over one server. The server runs in this JVM, so the test's heap dumps hold its rooms.
 * {@link FixedChatLeakTest} runs it on the fixed server in the build; {@link LeakyChatLeakTest} checks that the
 * leaking server fails it.
 */
abstract class ChatScenario {

    private ChatServer server;

    abstract Mode mode();

    @BeforeEach
    void startServer() throws IOException {
        server = ChatServer.start(mode(), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @LeakTest
    void joinARoomSendAndLeave() throws IOException {
        try (TestClient client = TestClient.joined(server.port(), "lobby")) {
            client.send("MSG hello");
            client.readUntil(line -> line.endsWith(" hello"));
            client.send("QUIT");
            client.readUntil(line -> line.equals("BYE"));
            assertThat(client.closedByServer())
                    .as("the server ends the connection after BYE")
                    .isTrue();
        }
        // The server forgets the session on its own loop thread, a moment after the connection ends: poll often, as
        // this runs 110 times.
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.stats().sessions() == 0);
    }
}
