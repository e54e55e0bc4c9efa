package dev.leakprobe.format.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON file beside a dump whole, refusing one too big to be ours (a reader never runs out of memory). */
final class SmallFiles {

    static final int MAX_BYTES = 64 << 20;

    private SmallFiles() {}

    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(file + " is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
