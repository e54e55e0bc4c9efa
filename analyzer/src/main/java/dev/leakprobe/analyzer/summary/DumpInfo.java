package dev.leakprobe.analyzer.summary;

import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.schema.DumpSidecar;
import dev.leakprobe.format.schema.MemoryFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When and from which process a dump was taken: from the agent's {@code <dump>.json} sidecar, else from the file's
 * modification time and the pid in names like {@code java_pid123.hprof} or {@code app-123-20261126-050000-1.hprof}.
 *
 * @param pid {@code null} when unknown
 * @param trigger {@code null} when unknown
 * @param metaspaceBytes metaspace in use when the agent took the dump (its sidecar's memory); {@code null} when unknown
 */
public record DumpInfo(
        Path file, long epochMillis, String trigger, Long pid, long sizeBytes, boolean sidecar, Long metaspaceBytes) {

    public DumpInfo(Path file, long epochMillis, String trigger, Long pid, long sizeBytes, boolean sidecar) {
        this(file, epochMillis, trigger, pid, sizeBytes, sidecar, null);
    }

    public static DumpInfo of(Path dump) throws IOException {
        long size = Files.size(dump);
        long mtime = Files.getLastModifiedTime(dump).toMillis();
        Long namePid = pidFromName(dump.getFileName().toString());
        for (Path file : sidecarCandidates(dump)) {
            if (Files.isRegularFile(file)) {
                try {
                    DumpSidecar sidecar = DumpSidecar.read(file);
                    long time = sidecar.startedEpochMillis() >= 0 ? sidecar.startedEpochMillis() : mtime;
                    Long pid = sidecar.pid() >= 0 ? Long.valueOf(sidecar.pid()) : namePid;
                    return new DumpInfo(dump, time, sidecar.trigger(), pid, size, true, metaspace(sidecar));
                } catch (IOException e) {
                    // A broken sidecar is no reason to refuse the dump: fall back to the file's own facts.
                }
            }
        }
        return new DumpInfo(dump, mtime, null, namePid, size, false);
    }

    /** The metaspace figure of the sidecar beside {@code dump}, if there is one (for a summary whose dump lay there). */
    public static Long metaspaceBeside(Path dump) {
        for (Path file : sidecarCandidates(dump)) {
            if (Files.isRegularFile(file)) {
                try {
                    return metaspace(DumpSidecar.read(file));
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Long metaspace(DumpSidecar sidecar) {
        MemoryFigures memory = sidecar.memory();
        return memory == null || memory.metaspaceUsed() < 0 ? null : memory.metaspaceUsed();
    }

    /** Where the sidecar of {@code dump} may be (beside {@code x.hprof.gz}, also beside {@code x.hprof}). */
    static Path[] sidecarCandidates(Path dump) {
        return FileNames.besideCandidates(dump, FileNames.SIDECAR_SUFFIX).toArray(Path[]::new);
    }

    static Long pidFromName(String name) {
        return DumpName.pidIn(name).orElse(null);
    }
}
