package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.summary.DumpKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two paths name one file. Comparing paths is not enough: a hard link or a symlink gives the same dump a
 * second name, and a dump diffed against itself shows no growth, a verdict that would look like an answer.
 */
final class SameFile {

    private SameFile() {}

    /** Refuses the first file given twice, under any name, naming both as they were given. */
    static void refuseTwice(List<Path> files) throws BadDumpException {
        Map<Object, Path> seen = new HashMap<>();
        for (Path file : files) {
            Path first = seen.putIfAbsent(identity(file), file);
            if (first != null) {
                throw new BadDumpException("the same dump given twice: " + first + " and " + file);
            }
        }
    }

    /**
     * Refuses two inputs that hold one dump: a copy of a dump, or a dump and a copy of its summary, which no file
     * system key tells apart. A summary keeps its dump's size and the SHA-256 of its first MiB, which holds the
     * HPROF header's time of the dump (milliseconds): two dumps never share both. The modification time is left out:
     * a copy has its own.
     */
    static void refuseSameContent(Map<Path, DumpKey> contents) throws BadDumpException {
        Map<List<Object>, Path> seen = new HashMap<>();
        for (Map.Entry<Path, DumpKey> input : contents.entrySet()) {
            DumpKey key = input.getValue();
            if (key == null) {
                continue; // a summary of a version that kept no key
            }
            Path first = seen.putIfAbsent(List.of(key.size(), String.valueOf(key.headSha256())), input.getKey());
            if (first != null) {
                throw new BadDumpException("the same dump given twice: " + first + " and " + input.getKey()
                        + " hold one dump (its size and first MiB)");
            }
        }
    }

    /**
     * The file system's key (device and inode, through symlinks); where it has none, the real path; for a file that
     * does not exist (the dump a summary stands for), the path itself.
     */
    static Object identity(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
