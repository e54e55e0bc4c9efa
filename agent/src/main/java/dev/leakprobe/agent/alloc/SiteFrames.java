package dev.leakprobe.agent.alloc;

import java.util.List;

/**
 * The text of a site's frames, allocating code first, and the index of its application frame (the first frame
 * outside the JDK and outside the library of the top frame; -1 when none was seen): see {@link StackCapture}.
 */
record SiteFrames(List<String> frames, int applicationFrame) {

    SiteFrames {
        frames = List.copyOf(frames);
        if (applicationFrame < -1 || applicationFrame >= frames.size()) {
            throw new IllegalArgumentException("application frame " + applicationFrame + " of " + frames.size());
        }
    }

    /** Frames from a test or a hand-made site: the top frame is the application's. */
    static SiteFrames of(List<String> frames) {
        return new SiteFrames(frames, frames.isEmpty() ? -1 : 0);
    }
}
