package dev.leakprobe.agent.alloc.samples;

/** A tracked class that nothing loads before tracking starts: it gets the {@code leakprobe$site} field. */
public class FreshSession {

    private final String user;

    public FreshSession(String user) {
        this.user = user;
    }

    /** A chained constructor: the instance must still be sampled once, with the caller's site. */
    public FreshSession() {
        this("anonymous");
    }

    public String user() {
        return user;
    }
}
