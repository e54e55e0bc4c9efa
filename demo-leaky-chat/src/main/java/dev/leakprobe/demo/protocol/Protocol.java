package dev.leakprobe.demo.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The line protocol, both directions. Client to server: {@code JOIN <room>}, {@code MSG <text>}, {@code LEAVE},
 * {@code QUIT}, {@code STATS}. Server to client: the lines built here, each ending in {@code \n}.
 */
public final class Protocol {

    /** Longest line a client may send, without its line end. A longer one closes the connection. */
    public static final int MAX_LINE_BYTES = 8 * 1024;

    public static final String HELLO = "HELLO";
    public static final String OK = "OK";
    public static final String ERR = "ERR";
    public static final String MSG = "MSG";
    public static final String BYE = "BYE";
    public static final String STATS = "STATS";
    public static final String COMING_SUFFIX = " coming!";

    private Protocol() {}

    public static String hello(String user) {
        return HELLO + " " + user;
    }

    public static String joined(String room) {
        return OK + " JOIN " + room;
    }

    public static String left(String room) {
        return OK + " LEAVE " + room;
    }

    /** The socket.io demo's line, broadcast to the room when someone joins. */
    public static String coming(String user) {
        return user + COMING_SUFFIX;
    }

    public static String message(String room, String user, String text) {
        return MSG + " " + room + " " + user + " " + text;
    }

    public static String error(String reason) {
        return ERR + " " + reason;
    }

    public static String bye() {
        return BYE;
    }

    public static byte[] encode(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * True for a byte no text line contains: control characters other than tab and CR, and DEL. Such a byte means
     * the peer is not speaking the protocol, and the connection is closed.
     */
    public static boolean isGarbage(byte b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
    }
}
