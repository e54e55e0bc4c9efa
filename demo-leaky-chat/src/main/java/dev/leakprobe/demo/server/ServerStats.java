package dev.leakprobe.demo.server;

/**
 * Counts the event loop publishes after every round, readable from any thread and sent as the {@code STATS} line.
 *
 * @param rooms            rooms that have at least one member
 * @param members          entries in all rooms' member lists, open or closed
 * @param closedMembers    of those, sessions whose connection is closed (the leak: always 0 unless mode is leak)
 * @param sessions         open connections
 * @param accepted         connections accepted since start
 * @param slowClosed       connections closed because their write queue fell too far behind
 * @param badInputClosed   connections closed for a line over the limit or bytes that are not text
 * @param directBuffers    buffers parked in {@link ReadBufferCache} (shared by every server in this JVM)
 * @param directBytes      their capacity in bytes
 * @param inflaters        zlib streams parked in {@link InflaterPool}, never ended (shared likewise)
 */
public record ServerStats(
        Mode mode,
        int rooms,
        int members,
        int closedMembers,
        int sessions,
        long accepted,
        long slowClosed,
        long badInputClosed,
        int directBuffers,
        long directBytes,
        int inflaters) {

    /** The {@code STATS} reply: {@code STATS mode=leak rooms=1 members=500 ...}. */
    public String toLine() {
        return "STATS mode=" + mode.label()
                + " rooms=" + rooms
                + " members=" + members
                + " closed-members=" + closedMembers
                + " sessions=" + sessions
                + " accepted=" + accepted
                + " slow-closed=" + slowClosed
                + " bad-input-closed=" + badInputClosed
                + " direct=" + directBuffers
                + " direct-bytes=" + directBytes
                + " inflaters=" + inflaters;
    }
}
