package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Allocation sites by their frames, bounded: a new site in a full index evicts the least used one (by the caller's
 * comparator), counted in {@link #dropped()}.
 *
 * <p>Also remembers which capture keys (class, method, bytecode index) lead to which site, so that a stack seen
 * before costs a hash lookup and no formatting; several keys may share a site (two calls on one line). Those aliases
 * are bounded too ({@link #MAX_ALIASES_PER_SITE} per site on average; the alias map is emptied when full and fills
 * again). Not thread-safe: its owner holds a lock around every call.
 */
final class SiteIndex<S> {

    static final int MAX_ALIASES_PER_SITE = 4;

    private final int maxSites;
    private final Comparator<S> leastUsedFirst;
    private final Function<List<String>, S> create;
    private final Map<List<String>, S> byFrames = new HashMap<>();
    private final Map<StackCapture.Key, S> byKey = new HashMap<>();
    private long dropped;

    SiteIndex(int maxSites, Comparator<S> leastUsedFirst, Function<List<String>, S> create) {
        this.maxSites = maxSites;
        this.leastUsedFirst = leastUsedFirst;
        this.create = create;
    }

    /** The site of a captured stack, created (maybe evicting another) when new. */
    S siteOf(StackCapture.Capture capture) {
        S site = byKey.get(capture.key);
        if (site == null) {
            site = siteOf(capture.formatted());
            if (byKey.size() >= MAX_ALIASES_PER_SITE * maxSites) {
                byKey.clear();
            }
            byKey.put(capture.key, site);
        }
        return site;
    }

    /** The site of these frames, created (maybe evicting another) when new. */
    S siteOf(List<String> frames) {
        S site = byFrames.get(frames);
        if (site == null) {
            if (byFrames.size() >= maxSites) {
                evictLeastUsed();
            }
            site = create.apply(frames);
            byFrames.put(frames, site);
        }
        return site;
    }

    private void evictLeastUsed() {
        Map.Entry<List<String>, S> least = null;
        for (Map.Entry<List<String>, S> entry : byFrames.entrySet()) {
            if (least == null || leastUsedFirst.compare(entry.getValue(), least.getValue()) < 0) {
                least = entry;
            }
        }
        if (least != null) {
            S evicted = least.getValue();
            byFrames.remove(least.getKey());
            byKey.values().removeIf(site -> site == evicted);
            dropped++;
        }
    }

    List<S> sites() {
        return new ArrayList<>(byFrames.values());
    }

    long dropped() {
        return dropped;
    }
}
