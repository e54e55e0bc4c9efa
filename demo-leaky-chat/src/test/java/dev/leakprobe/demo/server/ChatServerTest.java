package dev.leakprobe.demo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChatServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyClientGetsEveryMessageOfItsRoomInTheOrderEachSenderSentThem() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        int senders = 6;
        int perSender = 40;
        List<TestClient> room = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            room.add(track(TestClient.joined(server.port(), "lobby")));
        }
        TestClient elsewhere = track(TestClient.joined(server.port(), "other"));

        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<String>>> received = new ArrayList<>();
            for (TestClient client : room) {
                received.add(pool.submit(() -> {
                    for (int n = 0; n < perSender; n++) {
                        client.send("MSG " + client.user + "#" + n);
                    }
                    return readMessages(client, senders * perSender);
                }));
            }
            for (Future<List<String>> future : received) {
                List<String> messages = future.get(60, TimeUnit.SECONDS);
                assertThat(messages).hasSize(senders * perSender);
                for (TestClient sender : room) {
                    List<String> fromSender = messages.stream()
                            .filter(m -> m.startsWith("MSG lobby " + sender.user + " "))
                            .toList();
                    List<String> expected = new ArrayList<>();
                    for (int n = 0; n < perSender; n++) {
                        expected.add("MSG lobby " + sender.user + " " + sender.user + "#" + n);
                    }
                    assertThat(fromSender).containsExactlyElementsOf(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(elsewhere.stats()).contains(" rooms=2 ", " members=" + (senders + 1) + " ");
    }

    @Test
    void aJoinIsBroadcastToTheRoomTheSocketIoWay() throws Exception {
        server = ChatServer.start(Mode.FIXED, 0);
        TestClient first = track(TestClient.joined(server.port(), "room1"));
        TestClient second = track(TestClient.joined(server.port(), "room1"));

        assertThat(first.readUntil(line -> line.endsWith(" coming!"))).contains(first.user + " coming!");
        assertThat(first.readUntil(line -> line.endsWith(" coming!"))).containsExactly(second.user + " coming!");
    }

    @Test
    void aBadCommandGetsAnErrorLineAndTheConnectionStays() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        TestClient client = track(TestClient.connect(server.port()));

        client.send("DANCE");
        assertThat(client.readUntil(line -> true)).containsExactly("ERR unknown command DANCE");
        client.send("MSG hi");
        assertThat(client.readUntil(line -> true)).containsExactly("ERR JOIN a room first");
        client.send("LEAVE");
        assertThat(client.readUntil(line -> true)).containsExactly("ERR not in a room");
        client.send("JOIN room1");
        assertThat(client.readUntil(line -> line.startsWith("OK"))).containsExactly("OK JOIN room1");
    }

    @Test
    void aLineOverEightKilobytesClosesOnlyThatConnection() throws Exception {
        server = ChatServer.start(Mode.FIXED, 0);
        TestClient bystander = track(TestClient.joined(server.port(), "room1"));
        TestClient offender = track(TestClient.joined(server.port(), "room1"));

        offender.send("MSG " + "x".repeat(8 * 1024));

        assertThat(offender.closedByServer()).isTrue();
        assertStillServes(bystander);
        assertThat(server.stats().badInputClosed()).isEqualTo(1);
    }

    @Test
    void aLineOfExactlyEightKilobytesIsFine() throws Exception {
        server = ChatServer.start(Mode.FIXED, 0);
        TestClient client = track(TestClient.joined(server.port(), "room1"));
        String text = "y".repeat(8 * 1024 - "MSG ".length());

        client.send("MSG " + text);

        assertThat(client.readUntil(line -> line.startsWith("MSG ")))
                .last()
                .asString()
                .endsWith(text);
    }

    @Test
    void binaryGarbageClosesOnlyThatConnection() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        TestClient bystander = track(TestClient.joined(server.port(), "room1"));
        TestClient offender = track(TestClient.joined(server.port(), "room1"));

        offender.connection.sendRaw(new byte[] {'M', 'S', 'G', ' ', 0, 1, 2, (byte) 0xff, 0x1b});

        assertThat(offender.closedByServer()).isTrue();
        assertStillServes(bystander);
    }

    @Test
    void invalidUtf8ClosesOnlyThatConnection() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        TestClient bystander = track(TestClient.joined(server.port(), "room1"));
        TestClient offender = track(TestClient.joined(server.port(), "room1"));

        offender.connection.sendRaw(new byte[] {'M', 'S', 'G', ' ', (byte) 0xc3, (byte) 0x28, '\n'});

        assertThat(offender.closedByServer()).isTrue();
        assertStillServes(bystander);
    }

    @Test
    void aReaderThatFallsTooFarBehindIsClosedWhileTheLoopKeepsServing() throws Exception {
        server = ChatServer.start(Mode.FIXED, 0, 64 * 1024);
        Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.port()));
        slow.getOutputStream().write("JOIN room1\n".getBytes(StandardCharsets.UTF_8));
        slow.getOutputStream().flush();
        await().atMost(PATIENCE).until(() -> server.stats().members() == 1);
        TestClient talker = track(TestClient.joined(server.port(), "room1"));
        String text = "z".repeat(4000);

        // The slow reader never reads: its socket buffers fill, then its queue, and the server drops it.
        for (int i = 0; i < 2000 && server.stats().slowClosed() == 0; i++) {
            talker.send("MSG " + i + text);
            talker.readUntil(line -> line.startsWith("MSG room1 " + talker.user + " "));
        }

        assertThat(server.stats().slowClosed()).isEqualTo(1);
        assertThat(server.stats().members()).isEqualTo(1);
        assertStillServes(talker);
        slow.close();
    }

    @Test
    void leaveTakesASessionOutOfItsRoomInEveryMode() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        TestClient client = track(TestClient.joined(server.port(), "room1"));

        client.send("LEAVE");
        assertThat(client.readUntil(line -> line.startsWith("OK LEAVE"))).last().isEqualTo("OK LEAVE room1");
        assertThat(client.stats()).contains(" rooms=0 ", " members=0 ");
    }

    @Test
    void closeStopsTheLoopAndEveryConnection() throws Exception {
        server = ChatServer.start(Mode.LEAK, 0);
        TestClient client = track(TestClient.joined(server.port(), "room1"));

        server.close();

        assertThat(server.awaitStopped(PATIENCE)).isTrue();
        assertThat(client.closedByServer()).isTrue();
        assertThat(server.stats().sessions()).isZero();
    }

    private static void assertStillServes(TestClient client) throws IOException {
        client.send("MSG still here");
        assertThat(client.readUntil(line -> line.startsWith("MSG ")))
                .last()
                .isEqualTo("MSG room1 " + client.user + " still here");
    }

    private static List<String> readMessages(TestClient client, int count) throws IOException {
        List<String> messages = new ArrayList<>();
        while (messages.size() < count) {
            List<String> lines = client.readUntil(line -> line.startsWith("MSG "));
            messages.add(lines.get(lines.size() - 1));
        }
        return messages;
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }
}
