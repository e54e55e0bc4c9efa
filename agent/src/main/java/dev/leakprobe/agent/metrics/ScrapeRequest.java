package dev.leakprobe.agent.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** The request line of an HTTP request to the Prometheus page; the headers are read and left aside. */
record ScrapeRequest(String method, String path) {

    /** More than any scraper sends; a longer head is no scrape. */
    static final int MAX_HEAD_BYTES = 8 * 1024;

    /**
     * Reads the request line and headers, all within {@code millis} however slowly they trickle in.
     *
     * @return the request, or null when none came whole in time, the head was too long or malformed
     */
    static ScrapeRequest read(Socket client, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        InputStream in = client.getInputStream();
        byte[] head = new byte[MAX_HEAD_BYTES];
        int length = 0;
        while (length < head.length) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            client.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(head, length, head.length - length);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                return null;
            }
            length += n;
            String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                return parse(text.substring(0, text.indexOf('\n')).trim());
            }
        }
        return null;
    }

    /** {@code GET /metrics?x=y HTTP/1.1} → GET, /metrics. */
    private static ScrapeRequest parse(String requestLine) {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return null;
        }
        int query = parts[1].indexOf('?');
        return new ScrapeRequest(parts[0], query < 0 ? parts[1] : parts[1].substring(0, query));
    }
}
