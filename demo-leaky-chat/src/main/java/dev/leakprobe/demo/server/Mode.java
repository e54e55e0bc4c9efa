package dev.leakprobe.demo.server;

import java.util.Locale;

/** Which bug the server carries. */
public enum Mode {
    /** A closed session stays in its room's member list forever: the heap leak. */
    LEAK,
    /** Sessions leave their room on disconnect: the twin that does not leak. */
    FIXED,
    /** {@link #FIXED}, but read buffers are direct and parked forever by {@link ReadBufferCache}: the off-heap leak. */
    DIRECT,
    /** {@link #FIXED}, but every connection gets a zlib stream from {@link InflaterPool}, never ended: native memory. */
    NATIVE;

    public boolean keepsClosedSessionsInRoom() {
        return this == LEAK;
    }

    public boolean usesDirectReadBuffers() {
        return this == DIRECT;
    }

    public boolean usesInflaters() {
        return this == NATIVE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
