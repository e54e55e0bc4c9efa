package dev.leakprobe.format.files;

import dev.leakprobe.format.FileNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The one way the agent and the analyzer write a file beside a dump (sidecars, {@code metrics.jsonl}, summaries) or
 * in {@code ~/.cache/leakprobe}, and the way the analyzer writes its reports.
 *
 * <p>Such folders may be shared (a {@code /var/tmp/dumps} someone else can write to), so nothing here ever follows a
 * link it did not make: a file is written under a hidden temporary name that cannot be guessed, created new
 * ({@code O_CREAT|O_EXCL}, which never follows a link) with mode 0600, then renamed over the target (a rename
 * replaces a planted link, it does not write through it). Appends open with {@code O_NOFOLLOW} and refuse anything
 * but a plain file of one link. Readers never see half a file.
 */
public final class PrivateFiles {

    /** Owner read and write: what every file beside a dump gets. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** Owner only: what every folder we create gets. */
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private static final Set<OpenOption> CREATE_NEW =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> APPEND = Set.of(
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    /** What goes into a file, streamed. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private PrivateFiles() {}

    /** Writes {@code target} whole, mode 0600, replacing what was there (a planted link included, never its target). */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Content content) throws IOException {
        writeAtomically(target, content, true, true);
    }

    /**
     * Writes {@code target} whole with the mode the user's umask gives (reports, which people share), replacing what
     * was there.
     */
    public static void writeShared(Path target, Content content) throws IOException {
        writeAtomically(target, content, false, true);
    }

    /**
     * Like {@link #writeShared} but only if {@code target} does not exist yet: two writers never get the same name.
     *
     * @return false when {@code target} exists (nothing was written)
     */
    public static boolean writeSharedIfAbsent(Path target, Content content) throws IOException {
        return writeAtomically(target, content, false, false);
    }

    /**
     * Appends to {@code file}, creating it with mode 0600. Refuses a link, or anything but a plain file with one name
     * (a hard link to someone's file), with an IOException.
     */
    public static void append(Path file, byte[] bytes) throws IOException {
        refuseUnlessPlainFile(file);
        try (SeekableByteChannel channel = open(file, APPEND, true)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** Renames {@code file} to {@code to}, replacing it; a link is moved as a link, never followed. */
    public static void rename(Path file, Path to) throws IOException {
        Files.move(file, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Creates {@code dir} with mode 0700 (missing parents with the default mode) unless it exists. An existing
     * folder is left as it is: the user chose it.
     *
     * @return what is unsafe about an existing folder (writable by others, not ours), one sentence each; empty for
     *     a folder we created
     */
    public static List<String> ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return problems(dir);
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return problems(dir); // made meanwhile by someone else
        }
        try {
            ownerOnly(dir);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return List.of();
    }

    /** What makes {@code dir} unsafe for private files: written to by others, or owned by someone else. */
    public static List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        try {
            PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class);
            Set<PosixFilePermission> perms = attrs.permissions();
            if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                problems.add(dir + " is writable by other users (" + PosixFilePermissions.toString(perms) + ")");
            }
            UserPrincipal me = currentUser(dir);
            if (me != null && !me.equals(attrs.owner())) {
                problems.add(dir + " belongs to " + attrs.owner().getName() + ", not to " + me.getName());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not POSIX, or unreadable: nothing to say about it here; writing will tell.
        }
        return problems;
    }

    private static boolean writeAtomically(Path target, Content content, boolean owner, boolean replace)
            throws IOException {
        Path tmp = target.resolveSibling(FileNames.PARTIAL_PREFIX + target.getFileName() + "." + randomSuffix());
        try {
            try (SeekableByteChannel channel = open(tmp, CREATE_NEW, owner);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
            return renameIfAbsent(tmp, target);
        } finally {
            Files.deleteIfExists(tmp); // gone after a rename; otherwise a failure or a taken name
        }
    }

    /**
     * Gives {@code tmp} the name {@code target} unless that name is taken, in one step that fails when it is (a
     * plain rename would replace it): two writers never end up with one name.
     *
     * @return false when {@code target} exists ({@code tmp} is then left as it is)
     */
    public static boolean renameIfAbsent(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            Files.delete(tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without hard links: check, then rename (the move itself refuses an existing target).
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try {
                Files.move(tmp, target);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    private static SeekableByteChannel open(Path file, Set<OpenOption> options, boolean owner) throws IOException {
        if (owner) {
            try {
                return Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: no finer mode to ask for
            }
        }
        return Files.newByteChannel(file, options);
    }

    /** A link, a FIFO (which would block the writer) or a file with a second name is refused before opening. */
    private static void refuseUnlessPlainFile(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return; // created new by the append
        }
        if (attrs.isSymbolicLink()) {
            throw new IOException(file + " is a symbolic link; leakprobe does not write through links");
        }
        if (!attrs.isRegularFile()) {
            throw new IOException(file + " is not a plain file");
        }
        try {
            Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                throw new IOException(file + " has " + n + " hard links; leakprobe appends only to a file of its own");
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view here
        }
    }

    /** The effective user: the owner of /proc/self on Linux, else the user named by {@code user.name}. */
    private static UserPrincipal currentUser(Path anyPath) {
        try {
            return Files.getOwner(Path.of("/proc/self"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            try {
                return anyPath.getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
            } catch (IOException | UnsupportedOperationException | SecurityException again) {
                return null;
            }
        }
    }

    /** Sets exactly 0700 on a folder we made (the umask may have taken bits; it never adds any), never via a link. */
    private static void ownerOnly(Path dir) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(DIR_MODE);
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[8];
        Random.INSTANCE.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Made on first use: a sidecar name need not be guessable by anyone but needs no cryptography at start-up. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
