package dev.leakprobe.agent.alloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Allocation sites by their frames, bounded, and safe for any number of threads without a lock: application threads
 * that allocate at once never wait for each other here.
 *
 * <p>A new site in a full index evicts one: the least used (by the caller's comparator) of {@link #EVICTION_SAMPLE}
 * sites picked at random, so eviction costs the same whatever the bound (an index of at most that many sites
 * compares them all). Evictions are counted in {@link #dropped()}. A thread that still holds an evicted site may add
 * to it for a moment: those counts go with it.
 *
 * <p>Also remembers which capture keys (class, method, bytecode index) lead to which site, so that a stack seen
 * before costs a hash lookup and no formatting; several keys may share a site (two calls on one line). Those aliases
 * are bounded too ({@link #MAX_ALIASES_PER_SITE} per site on average; the alias map is emptied when full and fills
 * again); an alias of an evicted site is dropped when next used, not searched for at eviction.
 */
final class SiteIndex<S extends SiteIndex.Site> {

    static final int MAX_ALIASES_PER_SITE = 4;
    static final int EVICTION_SAMPLE = 8;

    /** What the index holds: a site's frames, and whether it was evicted. */
    abstract static class Site {
        final List<String> frames;
        final int applicationFrame;
        volatile boolean evicted;

        Site(SiteFrames frames) {
            this.frames = frames.frames();
            this.applicationFrame = frames.applicationFrame();
        }
    }

    /** Makes a site for new frames. */
    interface Factory<S> {
        S create(SiteFrames frames);
    }

    private final int maxSites;
    private final Comparator<S> leastUsedFirst;
    private final Factory<S> create;
    private final ConcurrentHashMap<List<String>, S> byFrames = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StackCapture.Key, S> byKey = new ConcurrentHashMap<>();
    /** Every site once, in no order: what eviction picks from without scanning the maps. */
    private final AtomicReferenceArray<S> slots;

    private final AtomicInteger slotsUsed = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();

    SiteIndex(int maxSites, Comparator<S> leastUsedFirst, Factory<S> create) {
        if (maxSites < 1) {
            throw new IllegalArgumentException("maxSites must be at least 1, was " + maxSites);
        }
        this.maxSites = maxSites;
        this.leastUsedFirst = leastUsedFirst;
        this.create = create;
        this.slots = new AtomicReferenceArray<>(maxSites);
    }

    /** The site of a captured stack, created (maybe evicting another) when new. */
    S siteOf(StackCapture.Capture capture) {
        S site = byKey.get(capture.key);
        if (site != null && !site.evicted) {
            return site;
        }
        if (site != null) {
            byKey.remove(capture.key, site);
        }
        site = siteOf(capture.formatted());
        if (byKey.size() >= MAX_ALIASES_PER_SITE * maxSites) {
            byKey.clear();
        }
        byKey.put(capture.key, site);
        return site;
    }

    /** The site of these frames, created (maybe evicting another) when new. */
    S siteOf(SiteFrames frames) {
        S site = byFrames.get(frames.frames());
        if (site != null) {
            return site;
        }
        S created = create.create(frames);
        S raced = byFrames.putIfAbsent(frames.frames(), created);
        if (raced != null) {
            return raced;
        }
        place(created);
        return created;
    }

    /** Puts a new site in a free slot, or in the slot of the site it evicts. */
    private void place(S site) {
        while (true) {
            int used = slotsUsed.get();
            if (used < maxSites) {
                if (slotsUsed.compareAndSet(used, used + 1)) {
                    slots.set(used, site);
                    return;
                }
                continue;
            }
            int slot = leastUsedOfSample();
            S victim = slots.get(slot);
            if (victim != null && victim != site && slots.compareAndSet(slot, victim, site)) {
                victim.evicted = true;
                byFrames.remove(victim.frames, victim);
                dropped.increment();
                return;
            }
        }
    }

    private int leastUsedOfSample() {
        boolean all = maxSites <= EVICTION_SAMPLE;
        int least = -1;
        S leastSite = null;
        for (int i = 0; i < (all ? maxSites : EVICTION_SAMPLE); i++) {
            int slot = all ? i : ThreadLocalRandom.current().nextInt(maxSites);
            S candidate = slots.get(slot);
            if (candidate != null && (leastSite == null || leastUsedFirst.compare(candidate, leastSite) < 0)) {
                least = slot;
                leastSite = candidate;
            }
        }
        return least < 0 ? ThreadLocalRandom.current().nextInt(maxSites) : least;
    }

    /** The sites held now, in no order. */
    List<S> sites() {
        int used = Math.min(slotsUsed.get(), maxSites);
        List<S> out = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            S site = slots.get(i);
            if (site != null) {
                out.add(site);
            }
        }
        return out;
    }

    long dropped() {
        return dropped.sum();
    }
}
