package dev.leakprobe.agent.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of our dump files, {@code <name>-<pid>-<yyyyMMdd-HHmmss>-<seq>.hprof}, and which files in a directory are
 * ours: only those may be deleted by retention.
 */
public final class DumpFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String PARTIAL_PREFIX = ".partial-";

    private final String name;
    private final Pattern ours;

    public DumpFiles(String name) {
        this.name = name;
        this.ours = Pattern.compile(Pattern.quote(name) + "-(\\d+)-(\\d{8}-\\d{6})-(\\d+)\\.hprof");
    }

    /** The final file name of dump {@code seq} of process {@code pid}, started at {@code time} (UTC). */
    public String fileName(long pid, ZonedDateTime time, int seq) {
        return name + "-" + pid + "-" + STAMP.format(time.withZoneSameInstant(ZoneOffset.UTC)) + "-" + seq + ".hprof";
    }

    /** The hidden name a dump is written under until complete; {@code *.hprof} globs never match it. */
    public static Path partialOf(Path finalFile) {
        return finalFile.resolveSibling(PARTIAL_PREFIX + finalFile.getFileName());
    }

    /** Our complete dumps in {@code dir}, oldest first (by the time in the name, then pid and sequence number). */
    public List<Path> ourDumps(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> ours.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .forEach(found::add);
        }
        found.sort(Comparator.comparing((Path f) -> part(f, 2))
                .thenComparingLong(f -> Long.parseLong(part(f, 1)))
                .thenComparingLong(f -> Long.parseLong(part(f, 3))));
        return found;
    }

    /**
     * Deletes our oldest dumps beyond {@code keep}, each with its sidecars ({@code <dump>.*}: .hprof.json,
     * .direct-sites.json, .alloc-sites.json, ...).
     *
     * @return the dumps deleted
     */
    public List<Path> retain(Path dir, int keep) throws IOException {
        List<Path> dumps = ourDumps(dir);
        List<Path> deleted = new ArrayList<>();
        for (Path dump : dumps.subList(0, Math.max(0, dumps.size() - keep))) {
            String prefix = dump.getFileName() + ".";
            try (Stream<Path> files = Files.list(dir)) {
                for (Path sidecar : (Iterable<Path>) files.filter(
                        f -> f.getFileName().toString().startsWith(prefix))::iterator) {
                    Files.deleteIfExists(sidecar);
                }
            }
            Files.deleteIfExists(dump);
            deleted.add(dump);
        }
        return deleted;
    }

    private String part(Path file, int group) {
        Matcher m = ours.matcher(file.getFileName().toString());
        return m.matches() ? m.group(group) : "";
    }
}
