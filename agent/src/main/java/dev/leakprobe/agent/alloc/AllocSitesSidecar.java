package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
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
        List<TrackedSites.Snapshot> snapshot = sites.snapshot();
        StringBuilder out = new StringBuilder(256 + 256 * snapshot.size())
                .append("{\"leakprobe\":1,\"pid\":").append(SidecarFile.pid())
                .append(",\"sample\":").append(sample)
                .append(",\"classes\":").append(SidecarFile.stringArray(classes))
                .append(",\"droppedSites\":").append(sites.droppedSites())
                .append(",\"sites\":[");
        for (int i = 0; i < snapshot.size(); i++) {
            TrackedSites.Snapshot site = snapshot.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("{\"id\":").append(site.id())
                    .append(",\"frames\":").append(SidecarFile.stringArray(site.frames()))
                    .append(",\"samples\":").append(site.samples())
                    .append('}');
        }
        return out.append("]}\n").toString();
    }
}
