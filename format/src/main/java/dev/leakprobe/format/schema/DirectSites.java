package dev.leakprobe.format.schema;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import dev.leakprobe.format.json.JsonReader;
import dev.leakprobe.format.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <dump>.direct-sites.json}: where the live direct buffers were allocated, most live bytes first.
 *
 * @param droppedSites sites evicted from the agent's bounded table
 * @param unfollowedBuffers buffers counted as allocated but not followed to their free (the live table was full)
 * @param stackDepth the most frames the agent kept per site ({@code stack-depth=}); 0 when the file does not say
 */
public record DirectSites(
        long pid, String capturedAt, long droppedSites, long unfollowedBuffers, int stackDepth, List<Site> sites) {

    public static final int VERSION = 1;

    public DirectSites {
        sites = List.copyOf(sites);
    }

    /** A file of an agent that did not say its stack depth. */
    public DirectSites(long pid, String capturedAt, long droppedSites, long unfollowedBuffers, List<Site> sites) {
        this(pid, capturedAt, droppedSites, unfollowedBuffers, 0, sites);
    }

    /**
     * One allocation site: the allocating code first, down to the first application frame and its caller.
     *
     * @param applicationFrame index in {@code frames} of the first application frame: the first frame outside the
     *     JDK and outside the library (package root) of the top frame, i.e. the code that called into a pool or
     *     container; 0 when the top frame's own code allocated; -1 when unknown (only JDK frames, or an older agent)
     * @param mapped the site maps files ({@code FileChannel.map}) rather than allocating direct buffers
     * @param addresses the native address of each live buffer of the site, as the dump's {@code DirectByteBuffer}
     *     holds it in its {@code address} field: how the analyzer joins the buffers a suspect keeps to their sites;
     *     empty in files of older agents
     */
    public record Site(
            List<String> frames,
            int applicationFrame,
            long liveBytes,
            long liveCount,
            long allocatedBytes,
            long allocatedCount,
            boolean mapped,
            List<Long> addresses) {
        public Site {
            frames = List.copyOf(frames);
            SiteFrames.checkApplicationFrame(applicationFrame, frames);
            addresses = List.copyOf(addresses);
        }

        /** A direct-buffer site without addresses (a file of an agent before addresses). */
        public Site(
                List<String> frames,
                int applicationFrame,
                long liveBytes,
                long liveCount,
                long allocatedBytes,
                long allocatedCount) {
            this(frames, applicationFrame, liveBytes, liveCount, allocatedBytes, allocatedCount, false, List.of());
        }

        /** A site whose application frame is not known. */
        public Site(List<String> frames, long liveBytes, long liveCount, long allocatedBytes, long allocatedCount) {
            this(frames, -1, liveBytes, liveCount, allocatedBytes, allocatedCount);
        }

        /**
         * The frames above the application frame: a library's (a pool's, a container's) own code, the part that
         * every caller of that library shares; empty when the top frame is the application's or unknown.
         */
        public List<String> libraryFrames() {
            return SiteFrames.libraryFrames(frames, applicationFrame);
        }
    }

    public static Path of(Path dump) {
        return FileNames.beside(dump, FileNames.DIRECT_SITES_SUFFIX);
    }

    public String toJson() {
        JsonWriter json = new JsonWriter()
                .beginObject()
                .field("leakprobe", VERSION)
                .field("pid", pid)
                .field("capturedAt", capturedAt)
                .field("droppedSites", droppedSites)
                .field("unfollowedBuffers", unfollowedBuffers)
                .field("stackDepth", stackDepth)
                .beginArray("sites");
        for (Site site : sites) {
            json.beginObject()
                    .field("frames", site.frames())
                    .field("applicationFrame", site.applicationFrame())
                    .field("liveBytes", site.liveBytes())
                    .field("liveCount", site.liveCount())
                    .field("allocatedBytes", site.allocatedBytes())
                    .field("allocatedCount", site.allocatedCount());
            if (site.mapped()) {
                json.field("mapped", true);
            }
            json.beginArray("addresses");
            site.addresses().forEach(json::value);
            json.endArray().endObject();
        }
        return json.endArray().endObject() + "\n";
    }

    public static DirectSites parse(String text) throws JsonException {
        JsonObject o = JsonReader.object(text);
        List<Site> sites = new ArrayList<>();
        for (JsonObject s : o.getObjects("sites")) {
            List<String> frames = s.getStrings("frames");
            sites.add(new Site(
                    frames,
                    SiteFrames.readApplicationFrame(s, frames),
                    s.getLong("liveBytes", 0),
                    s.getLong("liveCount", 0),
                    s.getLong("allocatedBytes", 0),
                    s.getLong("allocatedCount", 0),
                    s.getBoolean("mapped", false),
                    s.getLongs("addresses")));
        }
        return new DirectSites(
                o.getLong("pid", -1),
                o.getString("capturedAt"),
                o.getLong("droppedSites", 0),
                o.getLong("unfollowedBuffers", 0),
                SiteFrames.readStackDepth(o),
                sites);
    }

    public static DirectSites read(Path file) throws IOException {
        return parse(SmallFiles.read(file));
    }
}
