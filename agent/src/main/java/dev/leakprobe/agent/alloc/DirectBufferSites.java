package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live and total direct-buffer memory per allocation site.
 *
 * <p>Takes no lock that application threads wait on: the stack is walked on the allocating thread, the site is
 * found in a lock-free index ({@link SiteIndex}), its totals are adders, and the address goes into one stripe of
 * {@link LiveBuffers}, where the Reference Handler's frees meet an allocation only in the same stripe.
 *
 * <p>Bounded twice: at most {@code maxSites} sites (a new site in a full table evicts one of the least used, by
 * live bytes then allocations, counted in {@link #droppedSites()}), and at most {@code maxLiveBuffers} followed
 * buffers (beyond that a buffer counts as allocated but is not followed to its free, so it never shows as live).
 * Buffers the agent itself allocates (its own frames on the stack) are left out, and only counted.
 */
final class DirectBufferSites {

    static final int DEFAULT_MAX_SITES = 1024;
    static final int DEFAULT_MAX_LIVE_BUFFERS = 1 << 20;

    private static final Comparator<DirectSite> LEAST_USED_FIRST =
            Comparator.comparingLong(DirectSite::liveBytes).thenComparingLong(DirectSite::allocatedCount);

    private final StackCapture stacks;
    private final SiteIndex<DirectSite> sites;
    private final LiveBuffers live;
    private final LongAdder unfollowedBuffers = new LongAdder();
    private final LongAdder agentBuffers = new LongAdder();

    DirectBufferSites(int maxSites, int maxLiveBuffers) {
        this(maxSites, maxLiveBuffers, new StackCapture(StackCapture.DEFAULT_DEPTH));
    }

    DirectBufferSites(int maxSites, int maxLiveBuffers, StackCapture stacks) {
        this.stacks = stacks;
        this.sites = new SiteIndex<>(maxSites, LEAST_USED_FIRST, DirectSite::new);
        this.live = new LiveBuffers(maxLiveBuffers);
    }

    /** Called on the allocating thread, through the dispatcher. */
    void allocated(long address, long capacity) {
        StackCapture.Capture capture = stacks.directBufferSite();
        if (capture == null) {
            agentBuffers.increment();
            return;
        }
        record(sites.siteOf(capture), address, capacity);
    }

    /** A file was mapped ({@code FileChannel.map}); called on the mapping thread, through the dispatcher. */
    void mapped(long address, long capacity) {
        StackCapture.Capture capture = stacks.directBufferSite();
        if (capture == null) {
            agentBuffers.increment();
            return;
        }
        DirectSite site = sites.siteOf(capture);
        site.markMapped();
        record(site, address, capacity);
    }

    void record(List<String> frames, long address, long capacity) {
        record(sites.siteOf(SiteFrames.of(frames)), address, capacity);
    }

    private void record(DirectSite site, long address, long capacity) {
        site.allocated(capacity);
        if (live.put(address, site)) {
            site.followed(capacity);
        } else {
            unfollowedBuffers.increment();
        }
    }

    /** Called when the buffer's memory is freed (its cleaner runs), on whichever thread runs it. */
    void freed(long address, long capacity) {
        DirectSite site = live.remove(address);
        if (site != null) {
            site.freed(capacity);
        }
    }

    int stackDepth() {
        return stacks.depth();
    }

    long droppedSites() {
        return sites.dropped();
    }

    long unfollowedBuffers() {
        return unfollowedBuffers.sum();
    }

    /** Direct buffers allocated by the agent's own code (on an application's thread), left out of the sites. */
    long agentBuffers() {
        return agentBuffers.sum();
    }

    /** All sites with the addresses of their live buffers, most live bytes first. */
    List<DirectSite.Snapshot> snapshot() {
        Map<DirectSite, List<Long>> addresses = new IdentityHashMap<>();
        live.forEach((address, site) ->
                addresses.computeIfAbsent(site, s -> new ArrayList<>()).add(address));
        List<DirectSite.Snapshot> copies = new ArrayList<>();
        for (DirectSite site : sites.sites()) {
            List<Long> own = addresses.get(site);
            if (own == null) {
                own = List.of(); // No live buffer: an immutable list, which must not be sorted.
            } else {
                own.sort(null);
            }
            copies.add(site.snapshot(own));
        }
        copies.sort(Comparator.comparingLong(DirectSite.Snapshot::liveBytes)
                .reversed()
                .thenComparing(Comparator.comparingLong(DirectSite.Snapshot::allocatedBytes)
                        .reversed()));
        return copies;
    }

    /** The live site objects with the most live bytes, for gauges that read them as they change. */
    List<DirectSite> top(int n) {
        List<DirectSite> all = sites.sites();
        // Sorted by a copy of the figures: they change while we sort, and a sort's comparisons must agree.
        record Ranked(DirectSite site, long liveBytes) {}
        List<Ranked> ranked = new ArrayList<>(all.size());
        for (DirectSite site : all) {
            if (site.mapped()) {
                continue; // The gauges are direct-buffer memory; mapped files are the sidecar's only.
            }
            ranked.add(new Ranked(site, site.liveBytes()));
        }
        ranked.sort(Comparator.comparingLong(Ranked::liveBytes).reversed());
        List<DirectSite> out = new ArrayList<>(Math.min(n, ranked.size()));
        for (Ranked r : ranked.subList(0, Math.min(n, ranked.size()))) {
            out.add(r.site());
        }
        return List.copyOf(out);
    }

    long totalLiveBytes() {
        long total = 0;
        for (DirectSite site : sites.sites()) {
            if (site.mapped()) {
                continue;
            }
            total += site.liveBytes();
        }
        return total;
    }
}
