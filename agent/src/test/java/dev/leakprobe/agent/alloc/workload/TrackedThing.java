package dev.leakprobe.agent.alloc.workload;

/** The class {@code AgentJarAllocationSitesIT} tracks; loaded after the agent's premain. */
public class TrackedThing {

    private final int number;

    public TrackedThing(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
