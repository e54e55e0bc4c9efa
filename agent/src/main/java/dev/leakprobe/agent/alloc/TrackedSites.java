package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Allocation sites of sampled instances of tracked classes, each with an id that sampled instances carry (in their
 * {@code leakprobe$site} field or their {@code TrackedRef}).
 *
 * <p>Ids start at 1 (0 means "not sampled"), are never reused, and so stay valid for the JVM's life. Bounded: at
 * most {@code maxSites}; a new site in a full table evicts one with few samples ({@link SiteIndex}), counted in
 * {@link #droppedSites()} (instances that carry an evicted id are then of unknown site). No lock, like
 * {@link DirectBufferSites}.
 */
final class TrackedSites {

    static final int DEFAULT_MAX_SITES = 1024;

    private final StackCapture stacks;
    private final SiteIndex<Site> sites;
    private final AtomicInteger lastId = new AtomicInteger();

    TrackedSites(int maxSites) {
        this(maxSites, new StackCapture(StackCapture.DEFAULT_DEPTH));
    }

    TrackedSites(int maxSites, StackCapture stacks) {
        this.stacks = stacks;
        this.sites = new SiteIndex<>(maxSites, Comparator.comparingLong(Site::samples), this::newSite);
    }

    /** Called on the constructing thread, through the dispatcher, for a sampled instance; 0 when the agent made it. */
    int siteOf(Object instance) {
        StackCapture.Capture capture = stacks.constructorSite(instance.getClass());
        return capture == null ? 0 : sample(sites.siteOf(capture));
    }

    int idOf(List<String> frames) {
        return sample(sites.siteOf(SiteFrames.of(frames)));
    }

    private int sample(Site site) {
        site.samples.increment();
        return site.id;
    }

    private Site newSite(SiteFrames frames) {
        return new Site(lastId.incrementAndGet(), frames);
    }

    int stackDepth() {
        return stacks.depth();
    }

    long droppedSites() {
        return sites.dropped();
    }

    /** All sites, by id. */
    List<Snapshot> snapshot() {
        List<Snapshot> copies = new ArrayList<>();
        for (Site site : sites.sites()) {
            copies.add(new Snapshot(site.id, site.frames, site.applicationFrame, site.samples()));
        }
        copies.sort(Comparator.comparingInt(Snapshot::id));
        return copies;
    }

    record Snapshot(int id, List<String> frames, int applicationFrame, long samples) {}

    private static final class Site extends SiteIndex.Site {
        final int id;
        final LongAdder samples = new LongAdder();

        Site(int id, SiteFrames frames) {
            super(frames);
            this.id = id;
        }

        long samples() {
            return samples.sum();
        }
    }
}
