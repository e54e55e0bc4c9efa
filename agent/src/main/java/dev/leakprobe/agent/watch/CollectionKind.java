package dev.leakprobe.agent.watch;

import java.util.Locale;

/**
 * What a GC tells of the live set, from its notification (names measured on JDK 17 and 25 with each collector).
 *
 * <ul>
 *   <li>{@link #OLD}: the old generation was collected too, so the heap after it is the live set (plus what was
 *       allocated meanwhile, for a concurrent cycle): Serial's {@code MarkSweepCompact}, Parallel's {@code PS
 *       MarkSweep}, G1's {@code G1 Old Generation} (all "end of major GC"); a G1 young pause that shrank {@code G1
 *       Old Gen} (a mixed collection: JDK 17 reports it as "end of minor GC" like any young pause); {@code ZGC Major
 *       Cycles} of generational ZGC; every cycle of a collector without generations ({@code ZGC Cycles},
 *       {@code Shenandoah Cycles}).
 *   <li>{@link #YOUNG}: only the young generation was collected ({@code Copy}, {@code PS Scavenge}, a G1 young
 *       pause, {@code ZGC Minor Cycles}). The heap after it also holds garbage promoted to the old generation: an
 *       upper bound of the live set, not the live set (a churning cache's promoted garbage grows it for minutes).
 *   <li>{@link #SKIP}: a pause inside a concurrent cycle ({@code ZGC Pauses}, {@code Shenandoah Pauses}, {@code G1
 *       Concurrent GC}): the heap mid-cycle, neither; the cycle's own notification is the sample.
 * </ul>
 */
enum CollectionKind {
    OLD,
    YOUNG,
    SKIP;

    /**
     * @param oldBefore the old generation's use before the GC, -1 when the heap has no old generation pool
     * @param oldAfter its use after
     */
    static CollectionKind of(String gcName, String action, long oldBefore, long oldAfter) {
        String name = gcName.toLowerCase(Locale.ROOT);
        String what = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (name.contains("pauses") || name.contains("concurrent")) {
            return SKIP;
        }
        if (name.contains("minor") || name.contains("young")) {
            return oldBefore >= 0 && oldAfter < oldBefore ? OLD : YOUNG; // G1's mixed collections shrink it
        }
        if (what.contains("major") || name.contains("major") || name.contains("old") || name.contains("global")) {
            return OLD;
        }
        if (what.contains("minor") || name.equals("copy") || name.contains("scavenge")) {
            return oldBefore >= 0 && oldAfter < oldBefore ? OLD : YOUNG;
        }
        return oldBefore < 0 ? OLD : YOUNG; // a cycle of a collector with one pool collects all of it
    }

    /** A pool of the old generation: "Tenured Gen", "PS Old Gen", "G1 Old Gen", "ZGC Old Generation". */
    static boolean isOldPool(String poolName) {
        String name = poolName.toLowerCase(Locale.ROOT);
        return name.contains("old") || name.contains("tenured");
    }
}
