package dev.leakprobe.demo.http.mock;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one log file of the mock server: opened for appending, so that it grows across requests and runs; one line
 * per request, {@code <ISO time> <method> <URL>}, written whole and flushed before the answer goes out.
 */
final class RequestLog implements AutoCloseable {

    private final BufferedWriter out;

    RequestLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                StandardCharsets.UTF_8));
    }

    /** The request target has no control characters ({@code RequestReader} refuses them): one line each. */
    synchronized void append(Instant time, String method, String url) throws IOException {
        out.write(time + " " + method + " " + url);
        out.newLine();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
