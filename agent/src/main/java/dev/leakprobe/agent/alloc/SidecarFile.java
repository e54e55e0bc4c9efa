package dev.leakprobe.agent.alloc;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/** Naming and writing of the JSON files written beside a dump, plus the little JSON they need. */
final class SidecarFile {

    private SidecarFile() {}

    /**
     * {@code dir/name.hprof} → {@code dir/name.hprof<suffix>}: the dump's whole file name then the suffix, as the
     * agent names {@code name.hprof.json}, as its retention deletes {@code name.hprof.*} with the dump, and as the
     * analyzer looks for them.
     */
    static Path beside(Path dumpFile, String suffix) {
        return dumpFile.resolveSibling(dumpFile.getFileName() + suffix);
    }

    /**
     * Writes under a hidden name then renames, so that a reader never sees half a file. Through a plain
     * {@link FileOutputStream}, not NIO channels: those borrow temporary direct buffers, which the agent would then
     * report among the application's direct-buffer sites.
     */
    static void write(Path target, String json) throws IOException {
        Path partial = target.resolveSibling(".partial-" + target.getFileName());
        try (OutputStream out = new FileOutputStream(partial.toFile())) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String now() {
        return Instant.now().toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String stringArray(List<String> texts) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < texts.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(texts.get(i)));
        }
        return out.append(']').toString();
    }
}
