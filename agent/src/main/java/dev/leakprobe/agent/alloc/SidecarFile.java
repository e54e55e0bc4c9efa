package dev.leakprobe.agent.alloc;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

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
}
