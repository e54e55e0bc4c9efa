package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.bootstrap.AllocationListener;

/**
 * A listener whose every method throws. Top-level on purpose, not nested in its test: JUnit loads a test's nested
 * classes while discovering tests, which would load {@link AllocationListener} through the test class loader before
 * the agent injects it into the bootstrap class path.
 */
final class ThrowingListener implements AllocationListener {

    @Override
    public void directAllocated(long address, long capacity) {
        throw new IllegalStateException("on purpose");
    }

    @Override
    public void mappedAllocated(long address, long capacity) {
        throw new IllegalStateException("on purpose");
    }

    @Override
    public void directFreed(long address, long capacity) {
        throw new IllegalStateException("on purpose");
    }

    @Override
    public int siteOf(Object instance) {
        throw new IllegalStateException("on purpose");
    }

    @Override
    public void sampledWithoutField(Object instance) {
        throw new IllegalStateException("on purpose");
    }
}
