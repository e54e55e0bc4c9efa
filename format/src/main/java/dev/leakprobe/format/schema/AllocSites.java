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
 * {@code <dump>.alloc-sites.json}: site id → frames for the tracked classes. Sampled instances in the dump carry
 * the id ({@link dev.leakprobe.format.Synthetic}).
 *
 * @param sample one instance in this many was sampled
 * @param droppedSites sites evicted from the agent's bounded table (instances carrying their ids are of unknown site)
 * @param droppedSamples samples of classes without a site field that found the agent's table full
 * @param stackDepth the most frames the agent kept per site ({@code stack-depth=}); 0 when the file does not say
 */
public record AllocSites(
        long pid,
        int sample,
        List<String> classes,
        long droppedSites,
        long droppedSamples,
        int stackDepth,
        List<Site> sites) {

    public static final int VERSION = 1;

    public AllocSites {
        classes = List.copyOf(classes);
        sites = List.copyOf(sites);
    }

    /** A file of an agent that did not say its stack depth. */
    public AllocSites(
            long pid, int sample, List<String> classes, long droppedSites, long droppedSamples, List<Site> sites) {
        this(pid, sample, classes, droppedSites, droppedSamples, 0, sites);
    }

    /**
     * @param applicationFrame as in {@link DirectSites.Site#applicationFrame()}
     * @param samples instances sampled at this site since the agent started (alive or not)
     */
    public record Site(int id, List<String> frames, int applicationFrame, long samples) {
        public Site {
            frames = List.copyOf(frames);
            SiteFrames.checkApplicationFrame(applicationFrame, frames);
        }

        /** A site whose application frame is not known. */
        public Site(int id, List<String> frames, long samples) {
            this(id, frames, -1, samples);
        }

        /** As {@link DirectSites.Site#libraryFrames()}. */
        public List<String> libraryFrames() {
            return SiteFrames.libraryFrames(frames, applicationFrame);
        }
    }

    public static Path of(Path dump) {
        return FileNames.beside(dump, FileNames.ALLOC_SITES_SUFFIX);
    }

    public String toJson() {
        JsonWriter json = new JsonWriter()
                .beginObject()
                .field("leakprobe", VERSION)
                .field("pid", pid)
                .field("sample", sample)
                .field("classes", classes)
                .field("droppedSites", droppedSites)
                .field("droppedSamples", droppedSamples)
                .field("stackDepth", stackDepth)
                .beginArray("sites");
        for (Site site : sites) {
            json.beginObject()
                    .field("id", site.id())
                    .field("frames", site.frames())
                    .field("applicationFrame", site.applicationFrame())
                    .field("samples", site.samples())
                    .endObject();
        }
        return json.endArray().endObject() + "\n";
    }

    public static AllocSites parse(String text) throws JsonException {
        JsonObject o = JsonReader.object(text);
        List<Site> sites = new ArrayList<>();
        for (JsonObject s : o.getObjects("sites")) {
            long id = s.getLong("id", 0);
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw new JsonException("a site id must be a positive int, was " + id);
            }
            List<String> frames = s.getStrings("frames");
            sites.add(new Site((int) id, frames, SiteFrames.readApplicationFrame(s, frames), s.getLong("samples", 0)));
        }
        long sample = o.getLong("sample", 1);
        return new AllocSites(
                o.getLong("pid", -1),
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, sample)),
                o.getStrings("classes"),
                o.getLong("droppedSites", 0),
                o.getLong("droppedSamples", 0),
                SiteFrames.readStackDepth(o),
                sites);
    }

    public static AllocSites read(Path file) throws IOException {
        return parse(SmallFiles.read(file));
    }
}
