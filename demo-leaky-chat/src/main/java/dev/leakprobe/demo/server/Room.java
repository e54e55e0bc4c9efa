package dev.leakprobe.demo.server;

import java.util.ArrayList;

/** A named room. Everyone in {@link #members} gets every line broadcast to it. Touched by the loop thread only. */
final class Room {

    final String name;
    /** In leak mode a closed session is never removed from here: the accumulation point leakprobe must find. */
    final ArrayList<Session> members = new ArrayList<>();

    Room(String name) {
        this.name = name;
    }
}
