package dev.leakprobe.demo.http.load;

import dev.leakprobe.demo.http.Args;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The load client of the cluster demo and its benchmark: {@code --clients} threads, each sending POSTs as fast as
 * answers come back on a keep-alive connection, and opening a new connection every {@code --per-connection}
 * requests, so that the kernel spreads connections over the workers. Prints one {@code load-result} line of JSON.
 */
public final class LoadClient {

    private static final int TIMEOUT_MILLIS = 10_000;

    private LoadClient() {}

    public static int run(String[] argv) throws Args.Usage, InterruptedException {
        Args args = Args.parse("load", argv, Set.of("host", "port", "clients", "duration", "per-connection", "path"));
        if (args.has("help")) {
            System.out.println("usage: load --port P [--clients 8] [--duration 20s] [--per-connection 50] [--path /]");
            return 0;
        }
        if (!args.has("port")) {
            throw new Args.Usage("load: --port is required");
        }
        String host = args.string("host", "127.0.0.1");
        int port = args.port("port", 0);
        int clients = args.integer("clients", 8, 1, 1024);
        Duration duration = args.duration("duration", Duration.ofSeconds(20));
        int perConnection = args.integer("per-connection", 50, 1, 1_000_000);
        String path = args.string("path", "/");

        Stats stats = new Stats();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread =
                    new Thread(() -> drive(host, port, path, client, perConnection, end, stats), "load-" + client);
            threads.add(thread);
            thread.start();
        }
        long started = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(stats.json(seconds));
        return stats.requests.sum() == 0 ? 1 : 0;
    }

    private static void drive(String host, int port, String path, int client, int perConnection, long end, Stats s) {
        long sent = 0;
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (int i = 0; i < perConnection && System.nanoTime() < end; i++) {
                    byte[] body = ("{\"client\":" + client + ",\"n\":" + sent++ + "}").getBytes(StandardCharsets.UTF_8);
                    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
                    long t0 = System.nanoTime();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    String pid = readResponse(in);
                    s.record(System.nanoTime() - t0, pid);
                }
            } catch (IOException e) {
                s.errors.increment();
            }
        }
    }

    /** Reads one answer; returns its X-Worker-Pid header ("none" without one). Fails on a status other than 200. */
    private static String readResponse(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("answer " + status);
        }
        int length = 0;
        String pid = "none";
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("X-Worker-Pid")) {
                pid = value;
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new IOException("answer cut short");
        }
        return pid;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Counts, latencies (a bounded sample) and answers per worker pid. */
    private static final class Stats {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> byPid = new ConcurrentHashMap<>();
        private final long[] micros = new long[1 << 16];
        private long recorded;

        void record(long nanos, String pid) {
            requests.increment();
            byPid.computeIfAbsent(pid, p -> new LongAdder()).increment();
            synchronized (micros) {
                micros[(int) (recorded++ % micros.length)] = nanos / 1_000;
            }
        }

        String json(double seconds) {
            long[] sample;
            synchronized (micros) {
                sample = Arrays.copyOf(micros, (int) Math.min(recorded, micros.length));
            }
            Arrays.sort(sample);
            Map<String, Long> pids = new TreeMap<>();
            byPid.forEach((pid, n) -> pids.put(pid, n.sum()));
            String workers = pids.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            return String.format(
                    java.util.Locale.ROOT,
                    "load-result {\"requests\":%d,\"errors\":%d,\"seconds\":%.2f,\"requestsPerSecond\":%.1f,"
                            + "\"p50Micros\":%d,\"p99Micros\":%d,\"workers\":%s}",
                    requests.sum(),
                    errors.sum(),
                    seconds,
                    requests.sum() / seconds,
                    percentile(sample, 0.50),
                    percentile(sample, 0.99),
                    workers);
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }
    }
}
