package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Allocation sites of sampled instances of tracked classes, each with an id that sampled instances carry (in their
 * {@code leakprobe$site} field or their {@code TrackedRef}).
 *
 * <p>Ids start at 1 (0 means "not sampled"), are never reused, and so stay valid for the JVM's life. Bounded: at
 * most {@code maxSites}; a new site in a full table evicts the one with the fewest samples, counted in
 * {@link #droppedSites()} (instances that carry an evicted id are then of unknown site).
 */
final class TrackedSites {

    static final int DEFAULT_MAX_SITES = 1024;

    private final SiteIndex<Site> sites;
    private int lastId;

    TrackedSites(int maxSites) {
        this.sites = new SiteIndex<>(maxSites, Comparator.comparingLong(site -> site.samples), this::newSite);
    }

    /** Called on the constructing thread, through the dispatcher, for a sampled instance. */
    int siteOf(Object instance) {
        StackCapture.Capture capture = StackCapture.constructorSite(instance.getClass());
        synchronized (this) {
            return sample(sites.siteOf(capture));
        }
    }

    synchronized int idOf(List<String> frames) {
        return sample(sites.siteOf(frames));
    }

    private int sample(Site site) {
        site.samples++;
        return site.id;
    }

    private Site newSite(List<String> frames) {
        return new Site(++lastId, frames);
    }

    synchronized long droppedSites() {
        return sites.dropped();
    }

    /** All sites, by id. */
    synchronized List<Snapshot> snapshot() {
        List<Snapshot> copies = new ArrayList<>();
        for (Site site : sites.sites()) {
            copies.add(new Snapshot(site.id, site.frames, site.samples));
        }
        copies.sort(Comparator.comparingInt(Snapshot::id));
        return copies;
    }

    record Snapshot(int id, List<String> frames, long samples) {}

    private static final class Site {
        final int id;
        final List<String> frames;
        long samples;

        Site(int id, List<String> frames) {
            this.id = id;
            this.frames = frames;
        }
    }
}
