package dev.leakprobe.analyzer.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Summaries cached as gzipped JSON in {@code <dump>.leakprobe-summary} beside the dump, or in the user cache folder
 * when the dump's folder is not writable. An entry whose key (size, mtime, hash of the first MiB, format) does not
 * match, or that cannot be read, is ignored and rebuilt: never trusted.
 */
public final class SummaryCache {

    public static final String SUFFIX = ".leakprobe-summary";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path fallbackDir;
    private final boolean enabled;

    /** @param fallbackDir where summaries of dumps in read-only folders go; {@code null} to use only the dump's folder */
    public SummaryCache(Path fallbackDir, boolean enabled) {
        this.fallbackDir = fallbackDir;
        this.enabled = enabled;
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
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                DumpSummary summary = JSON.readValue(in, DumpSummary.class);
                if (summary.format() == DumpSummary.FORMAT && key.equals(summary.key()) && summary.nodes() != null
                        && summary.classes() != null) {
                    return Optional.of(summary);
                }
            } catch (IOException | RuntimeException e) {
                // Corrupt or from another version: rebuilt and overwritten.
            }
        }
        return Optional.empty();
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

    private static boolean write(Path file, DumpSummary summary) {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                return false;
            }
        }
        if (!writable(dir)) {
            return false;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".leakprobe-", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not POSIX: the default is fine.
            }
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                JSON.writeValue(out, summary);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do.
                }
            }
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
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
