package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.agent.json.JsonWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code <dump>.alloc-sites.json}: site id → frames for every known site of tracked classes. Written after
 * the dump, so it lists every id an instance in the dump can carry (ids are never reused), except evicted ones.
 */
final class AllocSitesSidecar implements DumpSidecarWriter {

    static final String SUFFIX = ".alloc-sites.json";

    private final TrackedSites sites;
    private final List<String> classes;
    private final int sample;

    AllocSitesSidecar(TrackedSites sites, List<String> classes, int sample) {
        this.sites = sites;
        this.classes = List.copyOf(classes);
        this.sample = sample;
    }

    @Override
    public void writeBeside(Path dumpFile) throws Exception {
        SidecarFile.write(SidecarFile.beside(dumpFile, SUFFIX), json());
    }

    String json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("leakprobe", 1)
                .field("pid", SidecarFile.pid())
                .field("sample", sample)
                .field("classes", classes)
                .field("droppedSites", sites.droppedSites())
                .beginArray("sites");
        for (TrackedSites.Snapshot site : sites.snapshot()) {
            json.beginObject()
                    .field("id", site.id())
                    .field("frames", site.frames())
                    .field("samples", site.samples())
                    .endObject();
        }
        return json.endArray().endObject() + "\n";
    }
}
