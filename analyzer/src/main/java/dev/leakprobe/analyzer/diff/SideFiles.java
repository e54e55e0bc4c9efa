package dev.leakprobe.analyzer.diff;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.schema.AllocSites;
import dev.leakprobe.format.schema.DirectSites;
import dev.leakprobe.format.schema.DumpSidecar;
import dev.leakprobe.format.schema.MemoryFigures;
import dev.leakprobe.format.schema.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The agent's files beside dumps, read with the format module's readers. Missing or unreadable ones are simply
 * absent: they add detail, the report stands without.
 */
final class SideFiles {

    private SideFiles() {}

    static Optional<DirectSites> directSites(Path dump) {
        for (Path file : FileNames.besideCandidates(dump, FileNames.DIRECT_SITES_SUFFIX)) {
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(DirectSites.read(file));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static Optional<AllocSites> allocSites(Path dump) {
        for (Path file : FileNames.besideCandidates(dump, FileNames.ALLOC_SITES_SUFFIX)) {
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.of(AllocSites.read(file));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The memory figures the agent's sidecar beside the dump took as the dump began. */
    static Optional<MemoryFigures> sidecarMemory(Path dump) {
        for (Path file : FileNames.besideCandidates(dump, FileNames.SIDECAR_SUFFIX)) {
            if (Files.isRegularFile(file)) {
                try {
                    return Optional.ofNullable(DumpSidecar.read(file).memory());
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The rows of {@code metrics.jsonl} in the dump's folder. */
    static Optional<List<MemoryFigures>> metrics(Path dump) {
        Path dir = dump.toAbsolutePath().getParent();
        Path file = dir == null ? null : MetricsFile.in(dir);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetricsFile.read(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
