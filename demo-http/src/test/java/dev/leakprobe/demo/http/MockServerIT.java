package dev.leakprobe.demo.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mock server as run-mock.sh starts it: a real JVM on a free port, real sockets. */
class MockServerIT {

    private static final String LISTENING = "^mock listening pid=\\d+ port=(\\d+) ";
    private static final String LOG_LINE = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z (GET|POST) /\\S*$";

    @TempDir
    Path tmp;

    @Test
    void answersAThousandRequestsFromEightClientsWithUserJsonAndLogsEachInOneGrowingFile() throws Exception {
        String userJson = Files.readString(ChildJvm.REPO.resolve("demo-http/data/user.json"));
        Path log = tmp.resolve("mock.log");
        Files.writeString(log, "an earlier run's line\n");

        try (ChildJvm mock = ChildJvm.start("mock", "--port", "0", "--log", log.toString())) {
            int port = Integer.parseInt(mock.awaitLine(LISTENING).group(1));
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<List<HttpResponse<String>>>> work = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int clientNo = c;
                work.add(clients.submit(() -> {
                    List<HttpResponse<String>> answers = new ArrayList<>();
                    for (int i = 0; i < 125; i++) {
                        URI uri = URI.create("http://127.0.0.1:" + port + "/users/" + clientNo + "?n=" + i);
                        HttpRequest request = i % 2 == 0
                                ? HttpRequest.newBuilder(uri).GET().build()
                                : HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build();
                        answers.add(client.send(request, HttpResponse.BodyHandlers.ofString()));
                    }
                    return answers;
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<List<HttpResponse<String>>> each : work) {
                answers.addAll(each.get());
            }
            clients.shutdown();

            assertThat(answers).hasSize(1000).allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(userJson);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            });
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(1001).first().isEqualTo("an earlier run's line");
            assertThat(lines.subList(1, 1001)).allMatch(line -> line.matches(LOG_LINE));
            assertThat(lines)
                    .contains(lines.stream()
                            .filter(l -> l.endsWith(" GET /users/7?n=124"))
                            .findFirst()
                            .orElseThrow());
        }

        // A second run appends to the same file: one log that grows, never a new file per run.
        try (ChildJvm again = ChildJvm.start("mock", "--port", "0", "--log", log.toString())) {
            int port = Integer.parseInt(again.awaitLine(LISTENING).group(1));
            assertThat(RawHttp.send(port, "GET", "/second-run", "").status()).isEqualTo(200);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(1002);
            assertThat(lines.get(1001)).matches(LOG_LINE).endsWith(" GET /second-run");
        }
    }

    @Test
    void keepsAnsweringThroughMalformedRequestsAndClientsThatGoAwayMidRequest() throws Exception {
        Path log = tmp.resolve("bad.log");
        try (ChildJvm mock = ChildJvm.start("mock", "--port", "0", "--log", log.toString())) {
            int port = Integer.parseInt(mock.awaitLine(LISTENING).group(1));

            assertThat(RawHttp.exchange(port, bytes("GARBAGE\r\n\r\n"))).startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, bytes("GET /a b HTTP/1.1\r\n\r\n")))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, bytes("GET /\u0007bell HTTP/1.1\r\n\r\n")))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, bytes("GET / HTTP/9.9\r\n\r\n"))).startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, bytes("GET / HTTP/1.1\r\nno colon here\r\n\r\n")))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, bytes("GET /" + "x".repeat(20_000) + " HTTP/1.1\r\n\r\n")))
                    .startsWith("HTTP/1.1 414 ");
            assertThat(RawHttp.exchange(port, bytes("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(RawHttp.exchange(port, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\r', '\n'}))
                    .startsWith("HTTP/1.1 400 ");

            // Clients that go away: in the request line, in the headers, in the body.
            goAwayAfter(port, "GET /half");
            goAwayAfter(port, "GET /headers HTTP/1.1\r\nHost: x\r\n");
            goAwayAfter(port, "POST /body HTTP/1.1\r\nContent-Length: 100\r\n\r\n0123456789");
            // And one that sends half a request and stays: it must not hold up anyone else.
            try (Socket silent = new Socket()) {
                silent.connect(new InetSocketAddress("127.0.0.1", port));
                silent.getOutputStream().write(bytes("GET /silent HTTP/1.1\r\n"));
                silent.getOutputStream().flush();

                RawHttp.Answer after = RawHttp.send(port, "GET", "/after", "");
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.body()).contains("\"Ada Lovelace\"");
            }

            assertThat(mock.process.isAlive()).isTrue();
            assertThat(Files.readAllLines(log)).singleElement().asString().endsWith(" GET /after");
            assertThat(mock.stderrLines()).isEmpty();
        }
    }

    @Test
    void badArgumentsGetOneLineAndANonZeroExit() throws Exception {
        assertOneLine(ChildJvm.start("mock", "--port", "70000"), 2, "--port");
        assertOneLine(ChildJvm.start("mock", "--colour", "blue"), 2, "unknown option --colour");
        assertOneLine(
                ChildJvm.start(
                        "mock",
                        "--port",
                        "0",
                        "--data",
                        tmp.resolve("none.json").toString()),
                1,
                "no data file");
    }

    private static void assertOneLine(ChildJvm child, int exitCode, String says) throws Exception {
        try (child) {
            assertThat(child.awaitExit()).isEqualTo(exitCode);
            assertThat(child.stderrLines())
                    .singleElement()
                    .asString()
                    .contains(says)
                    .doesNotContain("Exception");
        }
    }

    private static void goAwayAfter(int port, String partial) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(bytes(partial));
            out.flush();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
