package dev.leakprobe.e2e.offheap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaks {@code FileChannel.map} buffers: maps a region of its file and keeps it. Writing the file through a heap
 * buffer makes NIO keep a 128 KB temporary direct buffer on the writing thread: a live direct buffer whose site names
 * this class too, and is no part of the leak.
 */
public final class Archive {

    public static final int REGION = 1 << 20;
    static final int WRITE = 128 << 10;

    public static final List<MappedByteBuffer> MAPS = new ArrayList<>();

    private final FileChannel channel;

    Archive(Path file, int regions) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer heap = ByteBuffer.allocate(WRITE);
        for (long written = 0; written < (long) regions * REGION; ) {
            heap.clear();
            written += channel.write(heap);
        }
    }

    void mapRegion(int index) throws IOException {
        MappedByteBuffer region = channel.map(FileChannel.MapMode.READ_WRITE, (long) index * REGION, REGION);
        MAPS.add(region);
    }
}
