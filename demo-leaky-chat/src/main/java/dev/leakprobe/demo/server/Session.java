package dev.leakprobe.demo.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One connection: its channel, its read and write buffers, its user name and the messages it sent. Touched by the
 * loop thread only. Once closed, nothing but a room's member list (leak mode) keeps it reachable.
 */
final class Session {

    static final int WRITE_BUFFER_BYTES = 4 * 1024;
    /** Lines a session remembers having sent; older ones are dropped. */
    static final int HISTORY_LINES = 32;

    final long id;
    final String userName;
    final SocketChannel channel;
    final ByteBuffer readBuffer;
    final ByteBuffer writeBuffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
    final ArrayDeque<String> history = new ArrayDeque<>();
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>();
    /** The zlib stream of native mode ({@link InflaterPool}); null in the other modes. */
    java.util.zip.Inflater inflater;

    private final int maxPendingBytes;
    private int headOffset;
    private int pendingBytes;
    private SelectionKey key;
    private Room room;
    private boolean closeWhenFlushed;
    private boolean closed;
    /** Set when the loop has decided to close this session at the end of the current event. */
    boolean condemned;

    Session(long id, SocketChannel channel, ByteBuffer readBuffer, int maxPendingBytes) {
        this.id = id;
        this.userName = "user:" + id;
        this.channel = channel;
        this.readBuffer = readBuffer;
        this.maxPendingBytes = maxPendingBytes;
    }

    void register(SelectionKey key) {
        this.key = key;
    }

    Room room() {
        return room;
    }

    void room(Room room) {
        this.room = room;
    }

    boolean isClosed() {
        return closed;
    }

    void remember(String text) {
        if (history.size() == HISTORY_LINES) {
            history.removeFirst();
        }
        history.addLast(text);
    }

    /** What became of a line handed to {@link #send(byte[])}. */
    enum Sent {
        QUEUED,
        TOO_FAR_BEHIND,
        BROKEN
    }

    /** Queues a line and writes what the socket takes now. Never blocks. */
    Sent send(byte[] line) {
        if (closed) {
            return Sent.QUEUED;
        }
        if (pendingBytes + line.length > maxPendingBytes) {
            return Sent.TOO_FAR_BEHIND;
        }
        outbound.addLast(line);
        pendingBytes += line.length;
        return flush() ? Sent.QUEUED : Sent.BROKEN;
    }

    /** Asks the loop to close this session once everything queued has been written. */
    void closeWhenFlushed() {
        closeWhenFlushed = true;
    }

    /** True after QUIT: lines that follow it are ignored. */
    boolean quitting() {
        return closeWhenFlushed;
    }

    boolean wantsClose() {
        return closeWhenFlushed && pendingBytes == 0 && writeBuffer.position() == 0;
    }

    /**
     * Moves queued lines through {@link #writeBuffer} into the socket until it takes no more; asks for
     * {@code OP_WRITE} while anything is left.
     *
     * @return false when the write failed
     */
    boolean flush() {
        try {
            while (true) {
                fillWriteBuffer();
                writeBuffer.flip();
                if (!writeBuffer.hasRemaining()) {
                    writeBuffer.clear();
                    break;
                }
                int written = channel.write(writeBuffer);
                writeBuffer.compact();
                if (written == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            return false;
        }
        boolean drained = pendingBytes == 0 && writeBuffer.position() == 0;
        if (key != null && key.isValid()) {
            key.interestOps(drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        return true;
    }

    private void fillWriteBuffer() {
        while (writeBuffer.hasRemaining() && !outbound.isEmpty()) {
            byte[] head = outbound.peekFirst();
            int n = Math.min(writeBuffer.remaining(), head.length - headOffset);
            writeBuffer.put(head, headOffset, n);
            headOffset += n;
            pendingBytes -= n;
            if (headOffset == head.length) {
                outbound.removeFirst();
                headOffset = 0;
            }
        }
    }

    /**
     * Closes the connection and lets go of everything that could keep this session reachable from outside its
     * room: the selection key (cancelled, attachment cleared) and the queued lines.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.attach(null);
            key.cancel();
            key = null;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that already failed: nothing left to do.
        }
        outbound.clear();
        pendingBytes = 0;
        headOffset = 0;
    }
}
