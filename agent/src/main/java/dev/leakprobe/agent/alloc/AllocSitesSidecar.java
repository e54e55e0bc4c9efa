package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.schema.AllocSites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code <dump>.alloc-sites.json}: site id → frames for every known site of tracked classes. Written after
 * the dump, so it lists every id an instance in the dump can carry (ids are never reused), except evicted ones.
 */
final class AllocSitesSidecar implements DumpSidecarWriter {

    static final String SUFFIX = FileNames.ALLOC_SITES_SUFFIX;

    private final TrackedSites sites;
    private final TrackedRefTable refs;
    private final List<String> classes;
    private final int sample;

    /** @param refs {@code null} when no tracked class was loaded before the agent */
    AllocSitesSidecar(TrackedSites sites, TrackedRefTable refs, List<String> classes, int sample) {
        this.sites = sites;
        this.refs = refs;
        this.classes = List.copyOf(classes);
        this.sample = sample;
    }

    @Override
    public void writeBeside(Path dumpFile) throws Exception {
        SidecarFile.write(SidecarFile.beside(dumpFile, SUFFIX), json());
    }

    String json() {
        List<AllocSites.Site> out = new ArrayList<>();
        for (TrackedSites.Snapshot site : sites.snapshot()) {
            out.add(new AllocSites.Site(site.id(), site.frames(), site.applicationFrame(), site.samples()));
        }
        return new AllocSites(
                        SidecarFile.pid(),
                        sample,
                        classes,
                        sites.droppedSites(),
                        refs == null ? 0 : refs.droppedSamples(),
                        sites.stackDepth(),
                        out)
                .toJson();
    }
}
