package dev.leakprobe.demo.server;

import dev.leakprobe.demo.protocol.Command;
import dev.leakprobe.demo.protocol.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * A chat server on one event loop: a {@link Selector}, non-blocking sockets and a single thread, the JVM twin of a
 * single-threaded Node server. Everything but {@link #stats()}, {@link #port()} and {@link #close()} runs on the loop
 * thread.
 *
 * <p>In {@link Mode#LEAK} a disconnected session stays in its room's {@link Room#members} forever, so the retention
 * path a heap dump shows is {@code ChatServer.rooms → HashMap → Room.members → ArrayList → Session}.
 */
public final class ChatServer implements AutoCloseable {

    /** Heap read buffer of a session: one full line plus its line end. */
    static final int READ_BUFFER_BYTES = Protocol.MAX_LINE_BYTES + 2;
    /** How far a slow reader may fall behind, in queued bytes, before it is closed. */
    static final int DEFAULT_MAX_PENDING_BYTES = 256 * 1024;

    private final Mode mode;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final int maxPendingBytes;
    private final HashMap<String, Room> rooms = new HashMap<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Sessions to close once the current event is handled, so no member list changes while it is iterated. */
    private final List<Session> closing = new ArrayList<>();

    private final Thread loop;

    private volatile boolean running = true;
    private volatile ServerStats stats;
    private volatile Throwable failure;
    private long nextSessionId = 1;
    private int openSessions;
    private int members;
    private int closedMembers;
    private long accepted;
    private long slowClosed;
    private long badInputClosed;

    private ChatServer(Mode mode, int port, int maxPendingBytes) throws IOException {
        this.mode = mode;
        this.maxPendingBytes = maxPendingBytes;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(port));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        this.stats = snapshot();
        this.loop = new Thread(this::runLoop, "chat-loop");
    }

    /** Binds the port (0 picks a free one) and starts the loop thread. */
    public static ChatServer start(Mode mode, int port) throws IOException {
        return start(mode, port, DEFAULT_MAX_PENDING_BYTES);
    }

    static ChatServer start(Mode mode, int port, int maxPendingBytes) throws IOException {
        ChatServer server = new ChatServer(mode, port, maxPendingBytes);
        server.loop.start();
        return server;
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** The counts as of the loop's last round. */
    public ServerStats stats() {
        return stats;
    }

    /** Stops the loop (waking it if it waits in select) and closes every connection. Safe from any thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                loop.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the loop ended on its own, or null while it runs or when {@link #close()} ended it. */
    public Throwable failure() {
        return failure;
    }

    /** Waits until the loop has ended (after {@link #close()}, or after it failed). */
    public void awaitStopped() throws InterruptedException {
        loop.join();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        loop.join(timeout.toMillis());
        return !loop.isAlive();
    }

    private void runLoop() {
        try {
            while (running) {
                selector.select();
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    handleContained(key);
                    closePending();
                }
                stats = snapshot();
            }
        } catch (IOException | RuntimeException | Error e) {
            // Also Error: in leak mode an OutOfMemoryError is how the story ends, and it should say so in one line.
            failure = e;
            System.err.println("leaky-chat: event loop failed: " + e);
        } finally {
            shutDown();
        }
    }

    /** A bug met while serving one connection ends that connection, not the server. */
    private void handleContained(SelectionKey key) {
        try {
            handle(key);
        } catch (RuntimeException e) {
            System.err.println("leaky-chat: closing a connection after an internal error: " + e);
            if (key.attachment() instanceof Session session) {
                closeLater(session);
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Session session = (Session) key.attachment();
        if (session == null) {
            return;
        }
        if (key.isWritable() && !session.flush()) {
            closeLater(session);
            return;
        }
        if (key.isReadable()) {
            read(session);
        }
        if (session.wantsClose()) {
            closeLater(session);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = listener.accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(false);
            // Replies are small lines written back to back; Nagle would hold each second one for a delayed ACK.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            System.err.println("leaky-chat: accept failed: " + e.getMessage());
            return;
        }
        ByteBuffer readBuffer = mode.usesDirectReadBuffers()
                ? ReadBufferCache.acquire(READ_BUFFER_BYTES)
                : ByteBuffer.allocate(READ_BUFFER_BYTES);
        Session session = new Session(nextSessionId++, channel, readBuffer, maxPendingBytes);
        if (mode.usesInflaters()) {
            session.inflater = InflaterPool.acquire();
        }
        try {
            session.register(channel.register(selector, SelectionKey.OP_READ, session));
        } catch (IOException e) {
            session.close();
            return;
        }
        accepted++;
        openSessions++;
        send(session, Protocol.hello(session.userName));
    }

    private void read(Session session) {
        ByteBuffer buffer = session.readBuffer;
        int n;
        try {
            n = session.channel.read(buffer);
        } catch (IOException e) {
            closeLater(session);
            return;
        }
        if (n < 0) {
            closeLater(session);
            return;
        }
        buffer.flip();
        int lineStart = 0;
        for (int i = buffer.position(); i < buffer.limit() && !session.condemned; i++) {
            byte b = buffer.get(i);
            if (b == '\n') {
                handleLine(session, buffer, lineStart, i);
                lineStart = i + 1;
            } else if (Protocol.isGarbage(b)) {
                badInput(session);
                return;
            }
        }
        buffer.position(lineStart);
        buffer.compact();
        if (!buffer.hasRemaining()) {
            // A full buffer without a line end: the line is longer than the protocol allows.
            badInput(session);
        }
    }

    private void handleLine(Session session, ByteBuffer buffer, int start, int end) {
        if (end > start && buffer.get(end - 1) == '\r') {
            end--;
        }
        if (end - start > Protocol.MAX_LINE_BYTES) {
            badInput(session);
            return;
        }
        String line;
        try {
            line = utf8.decode(buffer.duplicate().limit(end).position(start)).toString();
        } catch (CharacterCodingException e) {
            badInput(session);
            return;
        }
        if (session.isClosed() || session.condemned || session.quitting()) {
            return;
        }
        execute(session, Command.parse(line));
    }

    private void execute(Session session, Command command) {
        if (command instanceof Command.Join join) {
            join(session, join.room());
        } else if (command instanceof Command.Msg msg) {
            message(session, msg.text());
        } else if (command instanceof Command.Leave) {
            leave(session);
        } else if (command instanceof Command.Quit) {
            send(session, Protocol.bye());
            session.closeWhenFlushed();
        } else if (command instanceof Command.Stats) {
            send(session, snapshot().toLine());
        } else if (command instanceof Command.Invalid invalid) {
            send(session, Protocol.error(invalid.reason()));
        }
    }

    private void join(Session session, String roomName) {
        if (session.room() != null) {
            removeFromRoom(session);
        }
        Room room = rooms.computeIfAbsent(roomName, Room::new);
        room.members.add(session);
        members++;
        session.room(room);
        send(session, Protocol.joined(roomName));
        broadcast(room, Protocol.coming(session.userName));
    }

    private void message(Session session, String text) {
        Room room = session.room();
        if (room == null) {
            send(session, Protocol.error("JOIN a room first"));
            return;
        }
        session.remember(text);
        broadcast(room, Protocol.message(room.name, session.userName, text));
    }

    private void leave(Session session) {
        Room room = session.room();
        if (room == null) {
            send(session, Protocol.error("not in a room"));
            return;
        }
        removeFromRoom(session);
        send(session, Protocol.left(room.name));
    }

    private void broadcast(Room room, String line) {
        byte[] bytes = Protocol.encode(line);
        for (Session member : room.members) {
            if (!member.isClosed()) {
                sent(member, member.send(bytes));
            }
        }
    }

    private void send(Session session, String line) {
        sent(session, session.send(Protocol.encode(line)));
    }

    private void sent(Session session, Session.Sent outcome) {
        if (outcome == Session.Sent.TOO_FAR_BEHIND && !session.condemned) {
            slowClosed++;
        }
        if (outcome != Session.Sent.QUEUED) {
            closeLater(session);
        }
    }

    private void badInput(Session session) {
        if (!session.condemned) {
            badInputClosed++;
        }
        closeLater(session);
    }

    private void closeLater(Session session) {
        if (!session.condemned) {
            session.condemned = true;
            closing.add(session);
        }
    }

    private void closePending() {
        for (Session session : closing) {
            disconnect(session);
        }
        closing.clear();
    }

    /** The one place a connection ends; the mode decides whether the session leaves its room. */
    private void disconnect(Session session) {
        if (session.isClosed()) {
            return;
        }
        session.close();
        openSessions--;
        if (mode.usesDirectReadBuffers()) {
            ReadBufferCache.release(session.readBuffer);
        }
        if (session.inflater != null) {
            InflaterPool.release(session.inflater);
        }
        if (session.room() == null) {
            return;
        }
        if (mode.keepsClosedSessionsInRoom()) {
            closedMembers++;
        } else {
            removeFromRoom(session);
        }
    }

    private void removeFromRoom(Session session) {
        Room room = session.room();
        if (room.members.remove(session)) {
            members--;
        }
        session.room(null);
        if (room.members.isEmpty()) {
            rooms.remove(room.name);
        }
    }

    private ServerStats snapshot() {
        return new ServerStats(
                mode,
                rooms.size(),
                members,
                closedMembers,
                openSessions,
                accepted,
                slowClosed,
                badInputClosed,
                ReadBufferCache.parkedCount(),
                ReadBufferCache.parkedBytes(),
                InflaterPool.parkedCount());
    }

    private void shutDown() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Session session) {
                session.close();
                openSessions--;
            }
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            System.err.println("leaky-chat: close failed: " + e.getMessage());
        }
        stats = snapshot();
    }
}
