package dev.leakprobe.agent.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak reference from the agent to one sampled instance of a tracked class that was already loaded when the agent
 * started (so no {@code leakprobe$site} field could be added). The heap dump holds these references, so the analyzer
 * matches surviving instances to their allocation site through {@link #site} without object addresses.
 *
 * <p>On the bootstrap class path so that its name is the same whatever loaded the agent; the analyzer looks for
 * {@code dev.leakprobe.agent.bootstrap.TrackedRef} and its {@code int site} field (format in DEVELOPERS.md).
 */
public final class TrackedRef extends WeakReference<Object> {

    /** The allocation site id, as listed in {@code <dump>.alloc-sites.json}. */
    public final int site;

    /** Where this reference sits in the agent's table, so that clearing it costs no search. */
    public final int slot;

    public TrackedRef(Object referent, ReferenceQueue<Object> queue, int site, int slot) {
        super(referent, queue);
        this.site = site;
        this.slot = slot;
    }
}
