package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.schema.DirectSites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code <dump>.direct-sites.json}: every known direct-buffer site, most live bytes first. */
final class DirectSitesSidecar implements DumpSidecarWriter {

    static final String SUFFIX = FileNames.DIRECT_SITES_SUFFIX;

    private final DirectBufferSites sites;

    DirectSitesSidecar(DirectBufferSites sites) {
        this.sites = sites;
    }

    @Override
    public void writeBeside(Path dumpFile) throws Exception {
        SidecarFile.write(SidecarFile.beside(dumpFile, SUFFIX), json());
    }

    String json() {
        List<DirectSites.Site> out = new ArrayList<>();
        for (DirectSite.Snapshot site : sites.snapshot()) {
            out.add(new DirectSites.Site(
                    site.frames(),
                    site.applicationFrame(),
                    site.liveBytes(),
                    site.liveCount(),
                    site.allocatedBytes(),
                    site.allocatedCount(),
                    site.mapped(),
                    site.addresses()));
        }
        return new DirectSites(
                        SidecarFile.pid(),
                        SidecarFile.now(),
                        sites.droppedSites(),
                        sites.unfollowedBuffers(),
                        sites.stackDepth(),
                        out)
                .toJson();
    }
}
