package dev.leakprobe.agent.dump;

import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.FileNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names of our dump files ({@link DumpName}), and which files in a directory are ours: only those may be deleted by
 * retention, each with the companions we name ({@link FileNames#DUMP_COMPANION_SUFFIXES}) and nothing else.
 */
public final class DumpFiles {

    private final String name;

    public DumpFiles(String name) {
        this.name = name;
    }

    /** The final file name of dump {@code seq} of process {@code pid}, started at {@code time}. */
    public String fileName(long pid, ZonedDateTime time, int seq) {
        return name(pid, time.toInstant(), seq).fileName();
    }

    /** The name of dump {@code seq} of process {@code pid}, started at {@code time}. */
    public DumpName name(long pid, Instant time, int seq) {
        return DumpName.of(name, pid, time, seq);
    }

    /** The hidden name a dump is written under until complete; {@code *.hprof} globs never match it. */
    public static Path partialOf(Path finalFile) {
        return FileNames.partialDump(finalFile);
    }

    /** Our complete dumps in {@code dir}, oldest first (by the time in the name, then pid and sequence number). */
    public List<Path> ourDumps(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> ours(f).isPresent() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .forEach(found::add);
        }
        found.sort(Comparator.comparing((Path f) -> ours(f).orElseThrow().stamp())
                .thenComparingLong(f -> ours(f).orElseThrow().pid())
                .thenComparingInt(f -> ours(f).orElseThrow().seq()));
        return found;
    }

    /**
     * Deletes our oldest dumps beyond {@code keep}, each with the files we put beside it ({@code <dump>.json},
     * {@code .direct-sites.json}, {@code .alloc-sites.json}, {@code .leakprobe-summary}). A user's
     * {@code <dump>.gz} or {@code <dump>.notes.txt} is theirs and stays.
     *
     * @return the dumps deleted
     */
    public List<Path> retain(Path dir, int keep) throws IOException {
        List<Path> dumps = ourDumps(dir);
        List<Path> deleted = new ArrayList<>();
        for (Path dump : dumps.subList(0, Math.max(0, dumps.size() - keep))) {
            for (String suffix : FileNames.DUMP_COMPANION_SUFFIXES) {
                Files.deleteIfExists(FileNames.beside(dump, suffix));
            }
            Files.deleteIfExists(dump);
            deleted.add(dump);
        }
        return deleted;
    }

    private Optional<DumpName> ours(Path file) {
        return DumpName.parse(name, file.getFileName().toString());
    }
}
