package dev.leakprobe.format.schema;

import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import java.util.List;

/** What the two sites files say alike about a site's frames: which one is the first application frame. */
final class SiteFrames {

    private SiteFrames() {}

    static void checkApplicationFrame(int applicationFrame, List<String> frames) {
        if (applicationFrame < -1 || applicationFrame >= frames.size()) {
            throw new IllegalArgumentException("applicationFrame must be -1 or the index of one of " + frames.size()
                    + " frames, was " + applicationFrame);
        }
    }

    static List<String> libraryFrames(List<String> frames, int applicationFrame) {
        return applicationFrame <= 0 ? List.of() : frames.subList(0, applicationFrame);
    }

    /** -1 when the file does not say (an older agent). */
    static int readApplicationFrame(JsonObject site, List<String> frames) throws JsonException {
        long index = site.getLong("applicationFrame", -1);
        if (index < -1 || index >= frames.size()) {
            throw new JsonException("applicationFrame must be -1 or the index of one of the site's " + frames.size()
                    + " frames, was " + index);
        }
        return (int) index;
    }

    static int readStackDepth(JsonObject file) throws JsonException {
        long depth = file.getLong("stackDepth", 0);
        if (depth < 0 || depth > Integer.MAX_VALUE) {
            throw new JsonException("stackDepth must be a whole number of frames, was " + depth);
        }
        return (int) depth;
    }
}
