package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final int maxSites;
    private final Map<List<String>, Site> byFrames = new HashMap<>();
    private int lastId;
    private long droppedSites;

    TrackedSites(int maxSites) {
        this.maxSites = maxSites;
    }

    /** Called on the constructing thread, through the dispatcher, for a sampled instance. */
    int siteOf(Object instance) {
        return idOf(StackCapture.constructorSite(instance.getClass()));
    }

    synchronized int idOf(List<String> frames) {
        Site site = byFrames.get(frames);
        if (site == null) {
            if (byFrames.size() >= maxSites) {
                evictLeastSampled();
            }
            site = new Site(++lastId, frames);
            byFrames.put(frames, site);
        }
        site.samples++;
        return site.id;
    }

    private void evictLeastSampled() {
        Site least = null;
        for (Site candidate : byFrames.values()) {
            if (least == null || candidate.samples < least.samples) {
                least = candidate;
            }
        }
        if (least != null) {
            byFrames.remove(least.frames);
            droppedSites++;
        }
    }

    synchronized long droppedSites() {
        return droppedSites;
    }

    /** All sites, by id. */
    synchronized List<Snapshot> snapshot() {
        List<Snapshot> copies = new ArrayList<>(byFrames.size());
        for (Site site : byFrames.values()) {
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
