package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.dump.DumpSidecarWriter;
import java.nio.file.Path;
import java.util.List;

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
        List<DirectSite.Snapshot> snapshot = sites.snapshot();
        StringBuilder out = new StringBuilder(256 + 256 * snapshot.size())
                .append("{\"leakprobe\":1,\"pid\":").append(SidecarFile.pid())
                .append(",\"capturedAt\":").append(SidecarFile.quote(SidecarFile.now()))
                .append(",\"droppedSites\":").append(sites.droppedSites())
                .append(",\"sites\":[");
        for (int i = 0; i < snapshot.size(); i++) {
            DirectSite.Snapshot site = snapshot.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("{\"frames\":").append(SidecarFile.stringArray(site.frames()))
                    .append(",\"liveBytes\":").append(site.liveBytes())
                    .append(",\"liveCount\":").append(site.liveCount())
                    .append(",\"allocatedBytes\":").append(site.allocatedBytes())
                    .append(",\"allocatedCount\":").append(site.allocatedCount())
                    .append('}');
        }
        return out.append("]}\n").toString();
    }
}
