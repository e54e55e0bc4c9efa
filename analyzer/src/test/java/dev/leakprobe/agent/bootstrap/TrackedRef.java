package dev.leakprobe.agent.bootstrap;

import java.lang.ref.WeakReference;

/**
 * Test stand-in for the agent's class of the same name (DEVELOPERS.md: a WeakReference with an int {@code site}),
 * so that a dump made in a test carries sampled instances of a class that got no injected field.
 */
public final class TrackedRef extends WeakReference<Object> {
    @SuppressWarnings("unused")
    private final int site;

    public TrackedRef(Object referent, int site) {
        super(referent);
        this.site = site;
    }
}
