package dev.leakprobe.analyzer.summary;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Summaries cached as gzipped JSON in {@code <dump>.leakprobe-summary} beside the dump, or in the user cache folder
 * when the dump's folder is not writable ({@link SummaryFormat}: checksummed gzipped JSON). An entry whose key (size,
 * mtime, hash of the first MiB, format) does not match, or that cannot be read, is ignored and rebuilt: never trusted;
 * a damaged one is also named in one line.
 */
public final class SummaryCache {

    public static final String SUFFIX = FileNames.SUMMARY_SUFFIX;

    private final Path fallbackDir;
    private final boolean enabled;
    private final Consumer<String> warnings;

    /** @param fallbackDir where summaries of dumps in read-only folders go; {@code null} to use only the dump's folder */
    public SummaryCache(Path fallbackDir, boolean enabled) {
        this(fallbackDir, enabled, line -> {});
    }

    /** @param warnings gets one line for each damaged cache file found (which is then rebuilt) */
    public SummaryCache(Path fallbackDir, boolean enabled, Consumer<String> warnings) {
        this.fallbackDir = fallbackDir;
        this.enabled = enabled;
        this.warnings = warnings;
    }

    public static SummaryCache disabled() {
        return new SummaryCache(null, false);
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/leakprobe}. */
    public static Path defaultFallbackDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("leakprobe");
    }

    public Optional<DumpSummary> load(Path dump, DumpKey key) {
        if (!enabled) {
            return Optional.empty();
        }
        for (Path file : new Path[] {besideFile(dump), fallbackFile(dump)}) {
            if (file == null || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                DumpSummary summary = SummaryFormat.read(file);
                if (summary.format() == DumpSummary.FORMAT
                        && key.equals(summary.key())
                        && summary.nodes() != null
                        && summary.classes() != null) {
                    return Optional.of(summary);
                }
            } catch (SummaryFormat.Damaged e) {
                warnings.accept(damaged(file, e.getMessage(), dump));
            } catch (IOException | RuntimeException e) {
                // Of another version, or unreadable: rebuilt and overwritten.
            }
        }
        return Optional.empty();
    }

    /** The one line that says a damaged summary file is left aside and its dump summarised again. */
    public static String damaged(Path file, String reason, Path dump) {
        return file + ": a damaged summary (" + reason + "), not used; summarising " + dump.getFileName() + " again";
    }

    /** Stores beside the dump if that folder is writable, else in the fallback folder; returns where, if anywhere. */
    public Optional<Path> store(Path dump, DumpSummary summary) {
        if (!enabled) {
            return Optional.empty();
        }
        for (Path file : new Path[] {besideFile(dump), fallbackFile(dump)}) {
            if (file != null && write(file, summary)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Writes a summary to this very file (for {@code summarize --out}); false when it cannot. */
    public static boolean storeAt(Path file, DumpSummary summary) {
        return write(file, summary);
    }

    public static Path besideFile(Path dump) {
        return dump.toAbsolutePath().resolveSibling(dump.getFileName() + SUFFIX);
    }

    Path fallbackFile(Path dump) {
        if (fallbackDir == null) {
            return null;
        }
        String id = sha256(dump.toAbsolutePath().normalize().toString()).substring(0, 16);
        return fallbackDir.resolve(id + "-" + dump.getFileName() + SUFFIX);
    }

    /**
     * Private (0600) whatever the folder, since a summary carries labels taken from the heap (strings of a 0600 dump);
     * written whole or not at all, never through a planted link. The user cache folder is created 0700.
     */
    private static boolean write(Path file, DumpSummary summary) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                PrivateFiles.ensureDirectory(dir); // only the user cache folder can be missing
            }
            if (!writable(dir)) {
                return false;
            }
            PrivateFiles.write(file, out -> SummaryFormat.write(out, summary));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A folder whose permissions say read-only is left alone even when we could write (running as root): people make
     * a folder read-only to keep it as it is.
     */
    static boolean writable(Path dir) {
        if (!Files.isWritable(dir)) {
            return false;
        }
        try {
            var perms = Files.getPosixFilePermissions(dir);
            return perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
