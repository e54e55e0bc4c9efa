package dev.leakprobe.agent.dump;

import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.PartialName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The hidden files of dumps that are not complete ({@link PartialName}): deleted when a dump fails, is aborted or is
 * cut short by the JVM's exit, and swept at start when a JVM left them behind. Only plain files of exactly our names
 * are touched; a link is never followed, nor deleted.
 */
final class PartialFiles {

    /** A partial file not written to for this long is stale whoever wrote it: a dump rewrites its file continuously. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private PartialFiles() {}

    /** What a sweep removed. */
    record Swept(List<String> names, long bytes) {}

    /** Deletes the partial files of {@code dump} in {@code dir}; what cannot be deleted is left, quietly. */
    static void deleteOf(Path dir, DumpName dump) {
        for (Path file : ours(dir)) {
            if (PartialName.parse(file.getFileName().toString())
                    .orElseThrow()
                    .dump()
                    .equals(dump)) {
                deleteQuietly(file);
            }
        }
    }

    /**
     * Deletes our partial files whose writer is no longer alive, or which nobody wrote to for {@link #STALE_AFTER}
     * (the pid in a name may be alive again as another process).
     */
    static Swept sweepStale(Path dir, Instant now, LongPredicate alive) {
        List<String> names = new ArrayList<>();
        long bytes = 0;
        for (Path file : ours(dir)) {
            PartialName partial =
                    PartialName.parse(file.getFileName().toString()).orElseThrow();
            Optional<BasicFileAttributes> attrs = plainFile(file);
            if (attrs.isEmpty()) {
                continue;
            }
            boolean writerGone = partial.writerPid().isPresent()
                    && !alive.test(partial.writerPid().getAsLong());
            boolean untouched = attrs.get().lastModifiedTime().toInstant().isBefore(now.minus(STALE_AFTER));
            if ((writerGone || untouched) && deleteQuietly(file)) {
                names.add(file.getFileName().toString());
                bytes += attrs.get().size();
            }
        }
        return new Swept(names, bytes);
    }

    /** Whether a process of that pid runs; this process counts as alive (its dumps have not started yet). */
    static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<Path> ours(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> PartialName.parse(f.getFileName().toString()).isPresent())
                    .filter(f -> plainFile(f).isPresent())
                    .forEach(found::add);
        } catch (IOException | RuntimeException e) {
            // no folder, or unreadable: nothing of ours to find there
        }
        return found;
    }

    private static Optional<BasicFileAttributes> plainFile(Path file) {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? Optional.of(attrs) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            // Checked again right before: a plain file can have been swapped for a link since it was listed, and
            // Files.delete removes a link itself, never its target.
            return plainFile(file).isPresent() && Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
