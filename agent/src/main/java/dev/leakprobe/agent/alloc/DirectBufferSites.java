package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Live and total direct-buffer memory per allocation site.
 *
 * <p>Bounded twice: at most {@code maxSites} sites (when a new site arrives in a full table, the site with the
 * fewest live bytes, then the fewest allocations, is evicted and counted in {@link #droppedSites()}), and at most
 * {@code maxLiveBuffers} followed buffers (beyond that a buffer counts as allocated but is not followed to its free,
 * so it never shows as live). The stack is captured outside the lock; the lock covers a few map operations only,
 * because {@link #freed} runs on the JVM's Reference Handler thread.
 */
final class DirectBufferSites {

    static final int DEFAULT_MAX_SITES = 1024;
    static final int DEFAULT_MAX_LIVE_BUFFERS = 1 << 20;

    private static final Comparator<DirectSite> LEAST_USED_FIRST =
            Comparator.comparingLong(DirectSite::liveBytes).thenComparingLong(site -> site.allocatedCount);

    private final SiteIndex<DirectSite> sites;
    private final LiveBufferTable live;
    private long unfollowedBuffers;

    DirectBufferSites(int maxSites, int maxLiveBuffers) {
        this.sites = new SiteIndex<>(maxSites, LEAST_USED_FIRST, DirectSite::new);
        this.live = new LiveBufferTable(maxLiveBuffers);
    }

    /** Called on the allocating thread, through the dispatcher; the stack is walked before taking the lock. */
    void allocated(long address, long capacity) {
        StackCapture.Capture capture = StackCapture.directBufferSite();
        synchronized (this) {
            record(sites.siteOf(capture), address, capacity);
        }
    }

    synchronized void record(List<String> frames, long address, long capacity) {
        record(sites.siteOf(frames), address, capacity);
    }

    private void record(DirectSite site, long address, long capacity) {
        site.allocatedBytes += capacity;
        site.allocatedCount++;
        if (live.put(address, site)) {
            site.liveBytes += capacity;
            site.liveCount++;
        } else {
            unfollowedBuffers++;
        }
    }

    /** Called when the buffer's memory is freed (its cleaner runs). */
    synchronized void freed(long address, long capacity) {
        DirectSite site = live.remove(address);
        if (site != null) {
            site.liveBytes -= capacity;
            site.liveCount--;
        }
    }

    synchronized long droppedSites() {
        return sites.dropped();
    }

    synchronized long unfollowedBuffers() {
        return unfollowedBuffers;
    }

    /** All sites, most live bytes first. */
    synchronized List<DirectSite.Snapshot> snapshot() {
        List<DirectSite> all = sites.sites();
        List<DirectSite.Snapshot> copies = new ArrayList<>(all.size());
        for (DirectSite site : all) {
            copies.add(site.snapshot());
        }
        copies.sort(Comparator.comparingLong(DirectSite.Snapshot::liveBytes).reversed()
                .thenComparing(Comparator.comparingLong(DirectSite.Snapshot::allocatedBytes).reversed()));
        return copies;
    }

    /** The live site objects with the most live bytes, for gauges that read them as they change. */
    synchronized List<DirectSite> top(int n) {
        List<DirectSite> all = sites.sites();
        all.sort(Comparator.comparingLong(DirectSite::liveBytes).reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    synchronized long totalLiveBytes() {
        long total = 0;
        for (DirectSite site : sites.sites()) {
            total += site.liveBytes;
        }
        return total;
    }
}
