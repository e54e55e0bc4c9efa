package dev.leakprobe.format;

/**
 * Names the agent puts into the application's heap and the analyzer looks for in dumps. The classes named here live
 * in the agent ({@code dev.leakprobe.agent.bootstrap}, on the bootstrap class path); a test there checks that these
 * strings name them.
 */
public final class Synthetic {

    /** The {@code int} field injected into tracked classes the agent sees loading: site id, 0 = not sampled. */
    public static final String SITE_FIELD = "leakprobe$site";

    /** The package the agent injects into the bootstrap class path. */
    public static final String BOOTSTRAP_PACKAGE = "dev.leakprobe.agent.bootstrap.";
    /** The one class advice calls. */
    public static final String DISPATCHER_CLASS = BOOTSTRAP_PACKAGE + "AllocationDispatcher";
    /** The interface the dispatcher forwards to. */
    public static final String LISTENER_CLASS = BOOTSTRAP_PACKAGE + "AllocationListener";
    /**
     * A {@code WeakReference} to a sampled instance of a class loaded before the agent (no field could be added),
     * with an {@code int} field {@link #TRACKED_REF_SITE_FIELD}.
     */
    public static final String TRACKED_REF_CLASS = BOOTSTRAP_PACKAGE + "TrackedRef";

    public static final String TRACKED_REF_SITE_FIELD = "site";

    private Synthetic() {}
}
