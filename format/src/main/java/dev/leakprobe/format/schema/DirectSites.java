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
 */
public record DirectSites(long pid, String capturedAt, long droppedSites, long unfollowedBuffers, List<Site> sites) {

    public static final int VERSION = 1;

    public DirectSites {
        sites = List.copyOf(sites);
    }

    /** One allocation site: application frames first, a few of them. */
    public record Site(List<String> frames, long liveBytes, long liveCount, long allocatedBytes, long allocatedCount) {
        public Site {
            frames = List.copyOf(frames);
        }
    }

    public static Path of(Path dump) {
        return FileNames.beside(dump, FileNames.DIRECT_SITES_SUFFIX);
    }

    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("leakprobe", VERSION)
                .field("pid", pid)
                .field("capturedAt", capturedAt)
                .field("droppedSites", droppedSites)
                .field("unfollowedBuffers", unfollowedBuffers)
                .beginArray("sites");
        for (Site site : sites) {
            json.beginObject()
                    .field("frames", site.frames())
                    .field("liveBytes", site.liveBytes())
                    .field("liveCount", site.liveCount())
                    .field("allocatedBytes", site.allocatedBytes())
                    .field("allocatedCount", site.allocatedCount())
                    .endObject();
        }
        return json.endArray().endObject() + "\n";
    }

    public static DirectSites parse(String text) throws JsonException {
        JsonObject o = JsonReader.object(text);
        List<Site> sites = new ArrayList<>();
        for (JsonObject s : o.getObjects("sites")) {
            sites.add(new Site(s.getStrings("frames"), s.getLong("liveBytes", 0), s.getLong("liveCount", 0),
                    s.getLong("allocatedBytes", 0), s.getLong("allocatedCount", 0)));
        }
        return new DirectSites(o.getLong("pid", -1), o.getString("capturedAt"), o.getLong("droppedSites", 0),
                o.getLong("unfollowedBuffers", 0), sites);
    }

    public static DirectSites read(Path file) throws IOException {
        return parse(SmallFiles.read(file));
    }
}
