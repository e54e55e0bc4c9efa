package dev.leakprobe.agent.alloc.samples;

/** A tracked class loaded before tracking starts (the attach case): no field, its samples go to TrackedRefs. */
public class PreloadedSession {

    private final int number;

    public PreloadedSession(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
