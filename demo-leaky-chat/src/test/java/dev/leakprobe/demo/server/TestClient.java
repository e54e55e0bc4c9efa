package dev.leakprobe.demo.server;

import dev.leakprobe.demo.load.LineConnection;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A blocking test client: send lines, read until an expected one, tell whether the server closed on us. */
final class TestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final LineConnection connection;
    final String user;

    private TestClient(LineConnection connection, String user) {
        this.connection = connection;
        this.user = user;
    }

    static TestClient connect(int port) throws IOException {
        LineConnection connection = LineConnection.open(port, TIMEOUT);
        String hello = connection.readLine();
        if (hello == null || !hello.startsWith("HELLO user:")) {
            throw new IOException("expected HELLO, got " + hello);
        }
        return new TestClient(connection, hello.substring("HELLO ".length()));
    }

    static TestClient joined(int port, String room) throws IOException {
        TestClient client = connect(port);
        client.send("JOIN " + room);
        client.readUntil(line -> line.equals("OK JOIN " + room));
        return client;
    }

    void send(String line) throws IOException {
        connection.send(line);
    }

    /** Lines up to and including the first one that matches; fails if the server closes first. */
    List<String> readUntil(Predicate<String> last) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = connection.readLine();
            if (line == null) {
                throw new IOException("server closed the connection after " + lines);
            }
            lines.add(line);
            if (last.test(line)) {
                return lines;
            }
        }
    }

    String stats() throws IOException {
        send("STATS");
        List<String> lines = readUntil(line -> line.startsWith("STATS "));
        return lines.get(lines.size() - 1);
    }

    /** True once the server has closed this connection (end of stream or reset), reading away anything queued. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (connection.readLine() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
