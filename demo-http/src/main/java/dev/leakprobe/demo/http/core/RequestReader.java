package dev.leakprobe.demo.http.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.x requests from a connection, strictly and with limits: a request line or header longer than 8 KB,
 * more than 100 headers, a body over 1 MB, a chunked body or anything malformed is a {@link BadRequest}, never an
 * exception the server does not expect.
 */
public final class RequestReader {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_BODY = 1024 * 1024;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TARGET = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    private final InputStream in;

    /** {@code in} should be buffered: it is read a byte at a time up to the body. */
    public RequestReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next request, or null when the client closed the connection between requests.
     *
     * @throws EOFException the client went away in the middle of a request
     */
    public Request next() throws IOException, BadRequest {
        String requestLine = line(true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3
                || !TOKEN.matcher(parts[0]).matches()
                || !TARGET.matcher(parts[1]).matches()
                || !VERSION.matcher(parts[2]).matches()) {
            throw new BadRequest(400, "malformed request line");
        }
        List<Map.Entry<String, String>> headers = headers();
        Request head = new Request(parts[0], parts[1], parts[2], headers, new byte[0]);
        if (head.header("Transfer-Encoding").isPresent()) {
            throw new BadRequest(411, "chunked bodies are not supported: send Content-Length");
        }
        byte[] body = body(head.header("Content-Length").orElse("0"));
        return new Request(parts[0], parts[1], parts[2], headers, body);
    }

    private List<Map.Entry<String, String>> headers() throws IOException, BadRequest {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(false); !line.isEmpty(); line = line(false)) {
            if (headers.size() == MAX_HEADERS) {
                throw new BadRequest(431, "more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new BadRequest(400, "malformed header");
            }
            headers.add(new AbstractMap.SimpleImmutableEntry<>(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return headers;
    }

    private byte[] body(String contentLength) throws IOException, BadRequest {
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "malformed Content-Length");
        }
        if (length < 0) {
            throw new BadRequest(400, "malformed Content-Length");
        }
        if (length > MAX_BODY) {
            throw new BadRequest(413, "body over " + MAX_BODY + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("client went away in the middle of the body");
        }
        return body;
    }

    /**
     * One line without its CRLF (a bare LF is accepted too). Control characters other than tab are refused: they
     * would end up in the log file.
     *
     * @param first whether this is a request line, which may be preceded by empty lines and may meet a clean EOF
     */
    private String line(boolean first) throws IOException, BadRequest {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.length() == 0) {
                    return null;
                }
                throw new EOFException("client went away in the middle of a request");
            }
            if (b == '\n') {
                if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                if (first && line.length() == 0) {
                    continue; // RFC 9112 2.2: ignore empty lines before a request line
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new BadRequest(first ? 414 : 431, "line over " + MAX_LINE + " bytes");
            }
            if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
                throw new BadRequest(400, first ? "malformed request line" : "malformed header");
            }
            line.append((char) b); // ISO-8859-1: header bytes as they came
        }
    }
}
