package dev.leakprobe.demo.http.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.x request as it arrived: the request line, the headers in their order, and the body.
 *
 * @param target the request target as sent (path and query), e.g. {@code /users/1?x=2}
 */
public record Request(
        String method, String target, String version, List<Map.Entry<String, String>> headers, byte[] body) {

    public Request {
        headers = List.copyOf(headers);
    }

    /** The first header of this name (case-insensitive), if any. */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The body decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the connection stays open after the answer (HTTP/1.1 unless "close", HTTP/1.0 only if asked). */
    public boolean keepAlive() {
        String connection = header("Connection").orElse("");
        if (version.equals("HTTP/1.0")) {
            return connection.equalsIgnoreCase("keep-alive");
        }
        return !connection.equalsIgnoreCase("close");
    }
}
