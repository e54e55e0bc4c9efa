package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsIT {

    private static final Pattern HUMAN_LINE = Pattern.compile("\\[leakprobe] heapTotal \\d+\\.\\d\\d MB heapUsed"
            + " \\d+\\.\\d\\d MB rss \\d+\\.\\d\\d MB direct \\d+\\.\\d\\d MB \\(\\d+ buffers?\\)"
            + " unexplained -?\\d+\\.\\d\\d MB");

    @TempDir
    Path tmp;

    @Test
    void everyIntervalLogsTheMemoryLineAndAppendsAJsonRow() throws Exception {
        Path dir = tmp.resolve("m");
        try (ChildJvm jvm =
                ChildJvm.builder().agentOptions("dir=" + dir + ",metrics=200ms").start()) {
            assertThat(jvm.awaitReady()).contains("metrics=200ms");
            Path jsonl = dir.resolve("metrics.jsonl");
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            Files.exists(jsonl) && Files.readAllLines(jsonl).size() >= 3);
            assertThat(jvm.stderrMatching(l -> HUMAN_LINE.matcher(l).matches())).hasSizeGreaterThanOrEqualTo(2);

            List<String> rows = Files.readAllLines(jsonl);
            long previous = 0;
            for (String row : rows.subList(0, 3)) {
                JsonNode json = Dumps.JSON.readTree(row);
                assertThat(json.get("pid").asLong()).isEqualTo(jvm.pid());
                assertThat(json.get("time").asText()).endsWith("Z");
                assertThat(json.get("epochMillis").asLong()).isGreaterThan(previous);
                previous = json.get("epochMillis").asLong();
                assertThat(json.get("heapUsed").asLong()).isPositive();
                assertThat(json.get("heapMax").asLong()).isBetween(48L << 20, 64L << 20);
                assertThat(json.get("rss").asLong()).isGreaterThan(10L << 20);
                for (String field : List.of(
                        "heapTotal",
                        "directUsed",
                        "directCount",
                        "mappedUsed",
                        "mappedCount",
                        "nonHeapUsed",
                        "metaspaceUsed",
                        "gcCount",
                        "gcTimeMillis")) {
                    assertThat(json.get(field).isNumber()).as(field).isTrue();
                }
                JsonNode parts = json.get("rssParts");
                for (String part : List.of(
                        "heapCommitted", "metaspace", "codeCache", "threadStacks", "direct", "mapped", "unexplained")) {
                    assertThat(parts.get(part).isNumber()).as(part).isTrue();
                }
                assertThat(parts.get("heapCommitted").asLong())
                        .isEqualTo(json.get("heapTotal").asLong());
                assertThat(parts.has("nmt"))
                        .as("no Native Memory Tracking in this JVM")
                        .isFalse();
            }
        }
    }

    @Test
    void prometheusPageIsValidExpositionWithTheMemoryMeters() throws Exception {
        Path dir = tmp.resolve("p");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,prometheus=0")
                .start()) {
            String ready = jvm.awaitReady();
            Matcher m = Pattern.compile("prometheus=(http://127\\.0\\.0\\.1:\\d+/metrics)")
                    .matcher(ready);
            assertThat(m.find()).as(ready).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(m.group(1)))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String body = page.body();
            assertThat(body)
                    .contains(
                            "process_memory_rss_bytes",
                            "jvm_memory_used_bytes{area=\"heap\"",
                            "jvm_buffer_memory_used_bytes{id=\"direct\"}",
                            "jvm_gc_",
                            "process_memory_rss_parts_bytes{part=\"heapCommitted\"}",
                            "process_memory_rss_parts_bytes{part=\"unexplained\"}");

            Path file = Files.writeString(tmp.resolve("page.txt"), body);
            List<String> command = new ArrayList<>(List.of("sh", "-c", "promtool check metrics < " + file));
            Process promtool =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(promtool.getInputStream().readAllBytes());
            assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // promtool exits 0 for valid text; lint remarks (exit 3) would still be valid exposition, but ours has
            // none.
            assertThat(promtool.exitValue()).as(out).isZero();
        }
    }

    /**
     * Issue 12, item 3: a native leak (zlib inflaters never ended) grows the part of rss that no JVM figure explains,
     * while the heap and the direct buffers stay flat. Under Native Memory Tracking, whose other categories join the
     * ledger and whose Thread figure replaces the estimate; zlib's own malloc is not tracked, so the leak stays
     * unexplained there too.
     */
    @Test
    void aNativeLeakGrowsUnexplainedWhileHeapAndDirectStayFlat() throws Exception {
        Path dir = tmp.resolve("native");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=500ms")
                .jvmArg("-XX:NativeMemoryTracking=summary")
                .workload("inflaters", "60")
                .start()) {
            jvm.awaitReady();
            Path jsonl = dir.resolve("metrics.jsonl");
            // Ten rows after the first one the workload was surely running in: about 5 s of its 60.
            await().atMost(Duration.ofSeconds(60)).until(() -> rowsSince(jsonl, jvm) >= 11);
            List<JsonNode> rows = rows(jsonl);
            JsonNode first = rows.get(rows.size() - 11);
            JsonNode last = rows.get(rows.size() - 1);

            long unexplained = grew(first, last, "rssParts", "unexplained");
            long heapUsed = Math.abs(grew(first, last, "heapUsed"));
            long direct = Math.abs(grew(first, last, "directUsed"));
            assertThat(unexplained)
                    .as("unexplained grew; first %s last %s", first, last)
                    .isGreaterThan(10L << 20);
            assertThat(heapUsed).as("heapUsed stays flat beside it").isLessThan(unexplained / 5);
            assertThat(direct).as("direct stays flat").isLessThan(64 << 10);
            JsonNode parts = last.get("rssParts");
            assertThat(parts.get("nmt").has("GC")).isTrue();
            assertThat(parts.get("nmt").has("Java Heap"))
                    .as("the heap is a part of its own")
                    .isFalse();
            // NMT's Thread: what the stacks committed, far below 1 MB a thread.
            assertThat(parts.get("threadStacks").asLong()).isPositive().isLessThan(8L << 20);
            assertThat(jvm.stderrMatching(l -> l.contains(" unexplained "))).isNotEmpty();
        }
    }

    private static List<JsonNode> rows(Path jsonl) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            rows.add(Dumps.JSON.readTree(line));
        }
        return rows;
    }

    /** Rows written after "workload started" was printed (the inflaters are being made). */
    private static int rowsSince(Path jsonl, ChildJvm jvm) throws Exception {
        if (!Files.exists(jsonl) || !jvm.stdout().contains("workload started")) {
            return 0;
        }
        return Files.readAllLines(jsonl).size();
    }

    private static long grew(JsonNode first, JsonNode last, String... path) {
        JsonNode a = first;
        JsonNode b = last;
        for (String key : path) {
            a = a.get(key);
            b = b.get(key);
        }
        return b.asLong() - a.asLong();
    }

    /**
     * Issue 14, item 12: one client that sent half a request and waited hung the page for every scraper. Bound
     * beyond loopback, as a scraper on another host needs it, so the same JVM shows the warning.
     */
    @Test
    void aClientHoldingHalfARequestBlocksNoScraperAndIsDropped() throws Exception {
        Path dir = tmp.resolve("slow");
        try (ChildJvm jvm = ChildJvm.builder()
                .agentOptions("dir=" + dir + ",metrics=off,prometheus=0.0.0.0:0")
                .start()) {
            String ready = jvm.awaitReady();
            Matcher m = Pattern.compile("prometheus=http://0\\.0\\.0\\.0:(\\d+)/metrics")
                    .matcher(ready);
            assertThat(m.find()).as(ready).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(jvm.stderrMatching(l -> l.contains("0.0.0.0:" + port) && l.contains("beyond loopback")))
                    .singleElement()
                    .asString()
                    .startsWith("[leakprobe] WARNING: ");

            try (Socket slow = new Socket("127.0.0.1", port)) {
                OutputStream out = slow.getOutputStream();
                out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();

                HttpResponse<String> page = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("jvm_memory_used_bytes");

                // The slow client is dropped once its time to send a request is up (the bound here is generous).
                slow.setSoTimeout(60_000);
                assertThat(endOfStream(slow.getInputStream())).isTrue();
            }
        }
    }

    /** Whether the peer closed the connection without a response: the end of the stream, or a reset. */
    private static boolean endOfStream(InputStream in) throws Exception {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
