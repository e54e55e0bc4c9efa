package dev.leakprobe.analyzer.report;

import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * How a report reaches a path the user named. A regular file of ours, or a new name, is replaced whole (written to a
 * temporary name, then renamed: a reader never sees half a report). Anything else is written through, never replaced:
 * a device ({@code /dev/full}, {@code /dev/null}), a FIFO (its reader gets the report), a symbolic link (the file it
 * names gets the report and the link stays: {@code /dev/stdout} is one), someone else's file or one with a second
 * hard link (its owner and its other names stay). {@code -} is standard output.
 */
final class ReportTarget {

    /** The name that means standard output. */
    static final Path STDOUT = Path.of("-");

    private ReportTarget() {}

    static void write(Path target, byte[] content, OutputStream stdout) throws IOException {
        if (target.equals(STDOUT)) {
            try {
                stdout.write(content);
                stdout.flush();
            } catch (IOException e) {
                throw new ReportWriteException(Path.of("standard output"), e);
            }
            return;
        }
        try {
            Path real = replaceable(target);
            if (real != null) {
                Path parent = real.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                PrivateFiles.writeShared(real, out -> out.write(content));
            } else {
                writeThrough(target, content);
            }
        } catch (ReportWriteException e) {
            throw e;
        } catch (IOException e) {
            throw new ReportWriteException(target, e);
        }
    }

    /**
     * Where to write whole by a rename: the path itself when nothing is there, or the regular file of ours it names
     * (through links); {@code null} when the report must be written through instead.
     */
    private static Path replaceable(Path target) throws IOException {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return target;
        }
        if (own.isDirectory()) {
            throw new ReportWriteException(target, "it is a folder");
        }
        if (own.isSymbolicLink()) {
            BasicFileAttributes named;
            try {
                named = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (IOException e) {
                return null; // a dangling link, or one into /proc: the open that follows it says
            }
            if (named.isDirectory()) {
                throw new ReportWriteException(target, "it names a folder");
            }
            return named.isRegularFile() && ours(target) ? target.toRealPath() : null;
        }
        return own.isRegularFile() && ours(target) ? target : null;
    }

    /** A plain file that we own and that has no other name: replacing it loses nothing of anyone's. */
    private static boolean ours(Path file) {
        try {
            Object links = Files.getAttribute(file, "unix:nlink");
            if (links instanceof Integer n && n > 1) {
                return false;
            }
            UserPrincipal me = Files.getOwner(Path.of("/proc/self"));
            return me.equals(Files.getOwner(file));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return true; // no owners or links to tell here (not Linux): a plain file is replaced as before
        }
    }

    private static void writeThrough(Path target, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(
                target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }
}
