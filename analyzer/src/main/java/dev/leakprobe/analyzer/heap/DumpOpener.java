package dev.leakprobe.analyzer.heap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Checks that a file is a heap dump (one clear line when it is not) and opens it with an engine. */
public final class DumpOpener {

    private static final byte[] HPROF_MAGIC = "JAVA PROFILE ".getBytes(StandardCharsets.US_ASCII);

    private final HeapEngine engine;

    public DumpOpener(HeapEngine engine) {
        this.engine = engine;
    }

    public HeapSnapshot open(Path dump, Progress progress) throws BadDumpException {
        return open(dump, OpenOptions.DEFAULT, progress);
    }

    public HeapSnapshot open(Path dump, OpenOptions options, Progress progress) throws BadDumpException {
        checkReadable(dump);
        return engine.open(dump, dump.getFileName().toString(), options, progress);
    }

    /** The one line that says a parse of this dump ran out of memory, and how much heap to give. */
    public String outOfMemory(Path dump) {
        return OutOfMemory.advice(dump.getFileName().toString(), engine.heapNeeded(dump));
    }

    /** About the dump's unpacked size: gzip keeps it (mod 4 GiB) in its last four bytes; 0 when unreadable. */
    public static long unpackedBytes(Path dump) {
        try {
            long size = Files.size(dump);
            if (isGzip(dump) && size >= 4) {
                try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dump.toFile(), "r")) {
                    f.seek(size - 4);
                    long isize = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
                    size = Math.max(isize, size * 4);
                }
            }
            return size;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The identifier size (4 or 8) an HPROF file's header gives, or 0 when the file is no HPROF file (a summary, say)
     * or cannot be read. Dumps of one process share it: a 32-bit and a 64-bit JVM are two processes.
     */
    public static int identifierSize(Path dump) {
        try {
            byte[] head = readHead(dump, 64);
            if (head.length < HPROF_MAGIC.length
                    || !java.util.Arrays.equals(head, 0, HPROF_MAGIC.length, HPROF_MAGIC, 0, HPROF_MAGIC.length)) {
                return 0;
            }
            for (int i = 0; i + 4 < head.length; i++) {
                if (head[i] == 0) {
                    return ((head[i + 1] & 0xFF) << 24)
                            | ((head[i + 2] & 0xFF) << 16)
                            | ((head[i + 3] & 0xFF) << 8)
                            | (head[i + 4] & 0xFF);
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    public static boolean isGzip(Path dump) {
        return dump.getFileName().toString().endsWith(".gz");
    }

    private static void checkReadable(Path dump) throws BadDumpException {
        if (!Files.exists(dump)) {
            throw new BadDumpException(dump + ": no such file");
        }
        if (Files.isDirectory(dump)) {
            throw new BadDumpException(dump + ": is a folder, not a heap dump");
        }
        try {
            if (Files.size(dump) == 0) {
                throw new BadDumpException(dump + ": empty file, not a heap dump");
            }
            byte[] head = readHead(dump, HPROF_MAGIC.length);
            if (head.length < HPROF_MAGIC.length || !java.util.Arrays.equals(head, HPROF_MAGIC)) {
                throw new BadDumpException(dump + ": not an HPROF heap dump (no \"JAVA PROFILE\" header)");
            }
        } catch (IOException e) {
            throw new BadDumpException(dump + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] readHead(Path dump, int n) throws IOException {
        try (InputStream raw = Files.newInputStream(dump);
                InputStream in = isGzip(dump) ? new GZIPInputStream(raw) : raw) {
            return in.readNBytes(n);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            return new byte[0];
        }
    }
}
