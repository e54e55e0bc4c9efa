package dev.leakprobe.demo.http.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One answer: status, content type, body, and any extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    public Response {
        headers = Map.copyOf(headers);
    }

    /** A plain-text answer in UTF-8. */
    public static Response text(int status, String body) {
        return new Response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The same answer with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
