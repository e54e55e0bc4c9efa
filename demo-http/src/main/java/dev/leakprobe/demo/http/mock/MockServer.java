package dev.leakprobe.demo.http.mock;

import dev.leakprobe.demo.http.Args;
import dev.leakprobe.demo.http.core.ConnectionServer;
import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * The course's mock server: any request, whatever its URL or method, is answered with the contents of the data file
 * (read once at start), and logged as one line in the log file.
 */
public final class MockServer {

    static final String HELP = """
            usage: run-mock.sh [--port 8080] [--data demo-http/data/user.json] [--log demo-http/mock.log]
              --port  the port to listen on (0: a free one, printed at start)
              --data  the file every request is answered with (application/json)
              --log   the file one line per request is appended to (created if missing, never replaced)""";

    private MockServer() {}

    /** Runs until the JVM is stopped. Returns an exit code only when it cannot start. */
    public static int run(String[] argv, Path home) throws Args.Usage, InterruptedException {
        Args args = Args.parse("mock", argv, Set.of("port", "data", "log"));
        if (args.has("help")) {
            System.out.println(HELP);
            return 0;
        }
        int port = args.port("port", 8080);
        Path data = args.path("data", home.resolve("data/user.json"));
        Path logFile = args.path("log", home.resolve("mock.log"));

        byte[] body;
        try {
            body = Files.readAllBytes(data);
        } catch (NoSuchFileException e) {
            System.err.println("mock: no data file " + data + " (--data)");
            return 1;
        } catch (IOException e) {
            System.err.println("mock: cannot read " + data + ": " + e.getMessage());
            return 1;
        }
        RequestLog log;
        try {
            log = new RequestLog(logFile);
        } catch (IOException e) {
            System.err.println("mock: cannot open the log file " + logFile + ": " + e);
            return 1;
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(port), 512);
        } catch (IOException e) {
            System.err.println("mock: cannot listen on port " + port + ": " + e.getMessage());
            return 1;
        }
        Response answer = new Response(200, "application/json", body, Map.of());
        ConnectionServer server = new ConnectionServer(
                        listener,
                        (Request request) -> {
                            log.append(
                                    Instant.now().truncatedTo(ChronoUnit.MILLIS), request.method(), request.target());
                            return answer;
                        },
                        "mock")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                log.close();
            } catch (IOException ignored) {
                // Every line was flushed when it was written.
            }
        }));
        System.out.println("mock listening pid=" + ProcessHandle.current().pid() + " port=" + server.port() + " data="
                + data + " log=" + logFile);
        Thread.currentThread().join();
        return 0;
    }
}
