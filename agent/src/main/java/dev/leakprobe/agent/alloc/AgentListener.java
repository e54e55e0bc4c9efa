package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.bootstrap.AllocationListener;

/**
 * The agent's side of the dispatcher: routes what advice reports to the tables. Either table may be absent when its
 * option is off. Loaded only after the bootstrap classes are injected (it implements one of them).
 */
final class AgentListener implements AllocationListener {

    static final String AGENT_THREAD_PREFIX = "leakprobe-";

    private final DirectBufferSites direct;
    private final TrackedSites tracked;
    private final TrackedRefTable refs;

    AgentListener(DirectBufferSites direct, TrackedSites tracked, TrackedRefTable refs) {
        this.direct = direct;
        this.tracked = tracked;
        this.refs = refs;
    }

    /**
     * The agent's own threads borrow temporary direct buffers when they write files (NIO channels do): those are the
     * agent's, not the application's, and stay out of the sites. Agent threads are all named {@code leakprobe-...}:
     * the name is the cheap test, before any stack walk; agent code that runs on other threads (listeners the JDK
     * calls, gauges) is told by its frames ({@link StackCapture}).
     */
    @Override
    public void directAllocated(long address, long capacity) {
        if (direct != null && !Thread.currentThread().getName().startsWith(AGENT_THREAD_PREFIX)) {
            direct.allocated(address, capacity);
        }
    }

    @Override
    public void mappedAllocated(long address, long capacity) {
        if (direct != null && !Thread.currentThread().getName().startsWith(AGENT_THREAD_PREFIX)) {
            direct.mapped(address, capacity);
        }
    }

    @Override
    public void directFreed(long address, long capacity) {
        if (direct != null) {
            direct.freed(address, capacity);
        }
    }

    @Override
    public int siteOf(Object instance) {
        return tracked == null ? 0 : tracked.siteOf(instance);
    }

    @Override
    public void sampledWithoutField(Object instance) {
        if (tracked != null && refs != null) {
            int site = tracked.siteOf(instance);
            if (site != 0) {
                refs.add(instance, site);
            }
        }
    }
}
