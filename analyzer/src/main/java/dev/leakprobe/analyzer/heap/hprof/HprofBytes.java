package dev.leakprobe.analyzer.heap.hprof;

import dev.leakprobe.analyzer.heap.BadDumpException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of one HPROF file, read at any position. A plain file is read through a window of {@link #WINDOW} bytes
 * that a positional read refills where the next read falls: the page cache holds the file, never this process's
 * resident memory (a mapping of the whole dump counted the dump once more in our peak RSS). A {@code .hprof.gz} is
 * inflated as a stream into pages in memory, never onto disk, and refused once it grows past a bound, so that a gzip
 * bomb costs one line instead of a full disk or heap.
 *
 * <p>One instance is one cursor, for one thread at a time: {@link #cursor()} makes another over the same file. A read
 * that straddles two pages (or the window's end) takes a slow path. Reads past the end throw {@link Truncated}, which
 * the parser turns into one clear line.
 */
final class HprofBytes implements AutoCloseable {

    /** Thrown by a read past the end of the data. Unchecked: the parser's inner loops would drown in throws clauses. */
    static final class Truncated extends RuntimeException {
        final long position;

        Truncated(long position) {
            super(null, null, false, false);
            this.position = position;
        }
    }

    /** Bytes one positional read brings in: big enough for sequential passes, small enough for random reads. */
    static final int WINDOW = 1 << 18;

    private static final int INFLATED_PAGE_BITS = 26;

    /** In-memory pages (a {@code .gz}), or {@code null} for a file read through the window. */
    private final ByteBuffer[] pages;

    private final FileChannel channel;
    private final int pageBits;
    private final long pageMask;
    private final long length;
    /** The window of a file cursor: {@code window} holds the file's bytes from {@code windowStart}. */
    private final ByteBuffer window;

    private long windowStart;
    private int windowLimit;

    private HprofBytes(ByteBuffer[] pages, int pageBits, long length) {
        this.pages = pages;
        this.channel = null;
        this.pageBits = pageBits;
        this.pageMask = (1L << pageBits) - 1;
        this.length = length;
        this.window = null;
    }

    private HprofBytes(FileChannel channel, long length) {
        this.pages = null;
        this.channel = channel;
        this.pageBits = 0;
        this.pageMask = 0;
        this.length = length;
        this.window = ByteBuffer.allocate(WINDOW);
        this.windowStart = 0;
        this.windowLimit = 0;
    }

    /** A cursor over a plain file, read through a window; close it (or any cursor of it) to close the file. */
    static HprofBytes open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new HprofBytes(channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Another cursor over the same bytes, for another thread. */
    HprofBytes cursor() {
        return pages != null ? new HprofBytes(pages, pageBits, length) : new HprofBytes(channel, length);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Read-only: nothing is lost.
            }
        }
    }

    /**
     * Inflates a gzip file into memory.
     *
     * @param limit the most bytes it may expand to: past it the dump is refused (a bomb, or too big for the heap)
     */
    static HprofBytes inflate(Path file, long limit, String displayName) throws IOException, BadDumpException {
        List<ByteBuffer> pages = new ArrayList<>();
        long total = 0;
        boolean truncated = false;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            while (true) {
                byte[] page = new byte[1 << INFLATED_PAGE_BITS];
                int filled = in.readNBytes(page, 0, page.length);
                if (filled > 0) {
                    pages.add(ByteBuffer.wrap(page, 0, filled));
                    total += filled;
                }
                if (total > limit) {
                    throw new BadDumpException(displayName + ": the gzip stream expands past " + (limit >> 20)
                            + " MB, more than this analyzer's memory allows; unpack it (gunzip -k) and analyse the"
                            + " .hprof, or give the analyzer more heap (LEAKPROBE_JAVA_OPTS=-Xmx...)");
                }
                if (filled < page.length) {
                    break;
                }
            }
        } catch (EOFException e) {
            truncated = true;
        } catch (ZipException e) {
            throw new BadDumpException(displayName + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        }
        if (truncated) {
            throw new BadDumpException(displayName + ": the gzip stream ends early (truncated .gz file)");
        }
        // All pages but the last are full, so positions map to pages by shifting.
        return new HprofBytes(
                pages.isEmpty() ? new ByteBuffer[] {ByteBuffer.allocate(0)} : pages.toArray(ByteBuffer[]::new),
                INFLATED_PAGE_BITS,
                total);
    }

    /** The heap that inflating this many bytes takes: whole pages. */
    static long inflatedFootprint(long unpacked) {
        long page = 1L << INFLATED_PAGE_BITS;
        return Math.max(1, (unpacked + page - 1) / page) * page;
    }

    long length() {
        return length;
    }

    void check(long position, long count) {
        if (position < 0 || count < 0 || position + count > length) {
            throw new Truncated(Math.max(0, Math.min(position, length)));
        }
    }

    int u1(long position) {
        check(position, 1);
        if (pages != null) {
            return pages[(int) (position >>> pageBits)].get((int) (position & pageMask)) & 0xFF;
        }
        return window.get(at(position, 1)) & 0xFF;
    }

    /** The window offset of {@code count <= 8} bytes at {@code position}, refilling the window there if needed. */
    private int at(long position, int count) {
        long offset = position - windowStart;
        if (offset < 0 || offset + count > windowLimit) {
            fill(position);
            offset = 0;
        }
        return (int) offset;
    }

    private void fill(long position) {
        window.clear();
        int wanted = (int) Math.min(WINDOW, length - position);
        window.limit(wanted);
        try {
            int read = 0;
            while (read < wanted) {
                int n = channel.read(window, position + read);
                if (n < 0) {
                    throw new Truncated(position + read);
                }
                read += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        windowStart = position;
        windowLimit = wanted;
        window.clear();
    }

    int u2(long position) {
        return (u1(position) << 8) | u1(position + 1);
    }

    int i4(long position) {
        if (pages == null) {
            check(position, 4);
            return window.getInt(at(position, 4));
        }
        int offset = (int) (position & pageMask);
        ByteBuffer page = pages[(int) (position >>> pageBits)];
        if (position >= 0 && offset + 4 <= page.limit() && position + 4 <= length) {
            return page.getInt(offset);
        }
        check(position, 4);
        return (u1(position) << 24) | (u1(position + 1) << 16) | (u1(position + 2) << 8) | u1(position + 3);
    }

    long u4(long position) {
        return i4(position) & 0xFFFF_FFFFL;
    }

    long i8(long position) {
        if (pages == null) {
            check(position, 8);
            return window.getLong(at(position, 8));
        }
        int offset = (int) (position & pageMask);
        ByteBuffer page = pages[(int) (position >>> pageBits)];
        if (position >= 0 && offset + 8 <= page.limit() && position + 8 <= length) {
            return page.getLong(offset);
        }
        return ((long) i4(position) << 32) | u4(position + 4);
    }

    /** An identifier of {@code size} bytes (4 or 8), unsigned. */
    long id(long position, int size) {
        return size == 4 ? u4(position) : i8(position);
    }

    /** Copies up to {@code count} bytes at {@code position} (fewer at the end of the data). */
    byte[] bytes(long position, int count) {
        int n = (int) Math.max(0, Math.min(count, length - position));
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u1(position + i);
        }
        return out;
    }
}
