package dev.leakprobe.analyzer.summary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies the bytes of a dump cheaply: a cache entry is valid only for the same key. */
public record DumpKey(long size, long mtimeMillis, String headSha256) {

    private static final int HEAD = 1 << 20;

    public static DumpKey of(Path dump) throws IOException {
        long size = Files.size(dump);
        long mtime = Files.getLastModifiedTime(dump).toMillis();
        try (InputStream in = Files.newInputStream(dump)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readNBytes(HEAD));
            return new DumpKey(size, mtime, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
