package dev.leakprobe.agent.bootstrap;

/**
 * What the agent does when advice reports an allocation. Implemented in the agent's own class loader and installed
 * in {@link AllocationDispatcher#listener}.
 *
 * <p>Lives on the bootstrap class path (like the dispatcher) because the dispatcher's field has this type; depends
 * on nothing but {@code java.base}.
 */
public interface AllocationListener {

    /** A direct buffer of {@code capacity} bytes was allocated at native {@code address}. */
    void directAllocated(long address, long capacity);

    /** The native memory at {@code address} of a direct buffer of {@code capacity} bytes is being freed. */
    void directFreed(long address, long capacity);

    /** A file was mapped ({@code FileChannel.map}): a buffer of {@code capacity} bytes at native {@code address}. */
    void mappedAllocated(long address, long capacity);

    /** A tracked instance was sampled: returns its site id, or 0 to leave it unsampled (the agent made it). */
    int siteOf(Object instance);

    /** A tracked instance of a class that cannot carry a site field was sampled: remember it weakly. */
    void sampledWithoutField(Object instance);
}
