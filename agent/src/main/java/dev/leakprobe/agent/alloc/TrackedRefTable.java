package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.bootstrap.TrackedRef;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;

/**
 * Sampled instances of tracked classes that were loaded before the agent (attach), which therefore have no
 * {@code leakprobe$site} field: each is held by a {@link TrackedRef} carrying its site id. The table itself is
 * reachable from the dispatcher's static listener, so the heap dump contains every live {@code TrackedRef}.
 *
 * <p>Bounded: at most {@code maxRefs}; when full, new samples are dropped and counted. Cleared references are
 * removed whenever a sample is added or the table is read, through a reference queue (no scan).
 */
final class TrackedRefTable {

    static final int DEFAULT_MAX_REFS = 1 << 16;

    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private final TrackedRef[] refs;
    private final int[] freeSlots;
    private int freeCount;
    private long droppedSamples;

    TrackedRefTable(int maxRefs) {
        refs = new TrackedRef[maxRefs];
        freeSlots = new int[maxRefs];
        for (int i = 0; i < maxRefs; i++) {
            freeSlots[i] = maxRefs - 1 - i;
        }
        freeCount = maxRefs;
    }

    synchronized void add(Object instance, int site) {
        removeCleared();
        if (freeCount == 0) {
            droppedSamples++;
            return;
        }
        int slot = freeSlots[--freeCount];
        refs[slot] = new TrackedRef(instance, cleared, site, slot);
    }

    /** How many sampled instances are still alive. */
    synchronized int liveCount() {
        removeCleared();
        return refs.length - freeCount;
    }

    synchronized long droppedSamples() {
        return droppedSamples;
    }

    private void removeCleared() {
        for (Reference<?> ref; (ref = cleared.poll()) != null; ) {
            TrackedRef tracked = (TrackedRef) ref;
            if (refs[tracked.slot] == tracked) {
                refs[tracked.slot] = null;
                freeSlots[freeCount++] = tracked.slot;
            }
        }
    }
}
