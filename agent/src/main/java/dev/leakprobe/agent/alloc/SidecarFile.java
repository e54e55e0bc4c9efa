package dev.leakprobe.agent.alloc;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/** Writing of the JSON files written beside a dump, through the one private writer. */
final class SidecarFile {

    private SidecarFile() {}

    /** {@code dir/name.hprof} → {@code dir/name.hprof<suffix>}. */
    static Path beside(Path dumpFile, String suffix) {
        return FileNames.beside(dumpFile, suffix);
    }

    /**
     * Private (0600), whole or not at all, never through a planted link. The writer's channel borrows a temporary
     * direct buffer; {@link AgentListener} leaves the agent's own threads out of the direct-buffer sites.
     */
    static void write(Path target, String json) throws IOException {
        PrivateFiles.write(target, json.getBytes(StandardCharsets.UTF_8));
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String now() {
        return Instant.now().toString();
    }
}
