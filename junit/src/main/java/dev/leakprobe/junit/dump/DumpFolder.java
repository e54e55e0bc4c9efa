package dev.leakprobe.junit.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The private folder (0700: dumps hold whatever the test had in memory) of one leak test run, named for the test and
 * the time; dumps in it are named like the agent's, {@code <test>-<pid>-<time>-<seq>.hprof}, so the command line
 * orders them and knows they come from one process.
 */
public final class DumpFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path path;
    private final String base;

    private DumpFolder(Path path, String base) {
        this.path = path;
        this.base = base;
    }

    public static DumpFolder create(Path parent, String testName) throws IOException {
        Files.createDirectories(parent);
        String base =
                testName + "-" + ProcessHandle.current().pid() + "-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path dir;
        try {
            dir = Files.createTempDirectory(
                    parent,
                    base + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            dir = Files.createTempDirectory(parent, base + "-");
        }
        return new DumpFolder(dir, base);
    }

    public Path path() {
        return path;
    }

    /** {@code seq} 1, 2, 3 for the dumps; 0 for the name of the report. */
    public String dumpName(int seq) {
        return seq == 0 ? base : base + "-" + seq;
    }

    public long sizeOf(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    /** Everything in the folder, then the folder. Best effort: a leftover in the build folder is no test failure. */
    public void delete() {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Left for `mvn clean`: the folder is inside the build's own output.
        }
    }
}
