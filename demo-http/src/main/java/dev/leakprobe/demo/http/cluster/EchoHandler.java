package dev.leakprobe.demo.http.cluster;

import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import java.util.Map;

/** The cluster's handler: the answer is a string holding the request's line, its headers and its body (as UTF-8). */
final class EchoHandler {

    private EchoHandler() {}

    static Response answer(Request request) {
        StringBuilder text = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.target())
                .append(' ')
                .append(request.version())
                .append('\n');
        for (Map.Entry<String, String> header : request.headers()) {
            text.append(header.getKey()).append(": ").append(header.getValue()).append('\n');
        }
        text.append('\n').append(request.bodyText());
        return Response.text(200, text.toString());
    }
}
