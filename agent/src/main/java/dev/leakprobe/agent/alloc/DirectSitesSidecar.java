package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.agent.json.JsonWriter;
import java.nio.file.Path;

/** Writes {@code <dump>.direct-sites.json}: every known direct-buffer site, most live bytes first. */
final class DirectSitesSidecar implements DumpSidecarWriter {

    static final String SUFFIX = ".direct-sites.json";

    private final DirectBufferSites sites;

    DirectSitesSidecar(DirectBufferSites sites) {
        this.sites = sites;
    }

    @Override
    public void writeBeside(Path dumpFile) throws Exception {
        SidecarFile.write(SidecarFile.beside(dumpFile, SUFFIX), json());
    }

    String json() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("leakprobe", 1)
                .field("pid", SidecarFile.pid())
                .field("capturedAt", SidecarFile.now())
                .field("droppedSites", sites.droppedSites())
                .beginArray("sites");
        for (DirectSite.Snapshot site : sites.snapshot()) {
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
}
