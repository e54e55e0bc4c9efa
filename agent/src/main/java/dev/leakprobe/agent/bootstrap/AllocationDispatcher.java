package dev.leakprobe.agent.bootstrap;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one class advice inlined into JDK and application classes calls. It sits on the bootstrap class path so that
 * code in {@code java.nio} can see it, and forwards to the {@link AllocationListener} the agent installs.
 *
 * <p>Rules, because this code runs on application threads (and on the Reference Handler thread, where direct
 * buffers are freed): plain static methods, no lambdas, nothing but {@code java.base}, never throws, and a
 * re-entrancy guard so that whatever the listener allocates is not recorded again.
 */
public final class AllocationDispatcher {

    /** Installed by the agent once its tables exist; {@code null} means record nothing. */
    public static volatile AllocationListener listener;

    /** Tracked instances are sampled one in this many. */
    public static volatile int sample = 16;

    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private AllocationDispatcher() {}

    /** Advice on {@code DirectByteBuffer$Deallocator}'s constructor: native memory was just reserved. */
    public static void directAllocated(long address, long capacity) {
        AllocationListener current = listener;
        if (current == null || address == 0 || !enter()) {
            return;
        }
        try {
            current.directAllocated(address, capacity);
        } catch (Throwable ignored) {
            // Recording is best effort; the application's allocation must go on.
        } finally {
            leave();
        }
    }

    /** Advice on {@code DirectByteBuffer$Deallocator.run}: the native memory is about to be freed. */
    public static void directFreed(long address, long capacity) {
        AllocationListener current = listener;
        if (current == null || address == 0) {
            return;
        }
        try {
            current.directFreed(address, capacity); // No guard: freeing allocates nothing and must never be skipped.
        } catch (Throwable ignored) {
            // As above.
        }
    }

    /**
     * Advice on the constructor of mapped buffers ({@code DirectByteBuffer(int cap, long addr, FileDescriptor, ...)},
     * which {@code FileChannel.map} calls): a file was just mapped at {@code address}. Its unmapping comes through
     * {@link #directFreed} with the same address.
     */
    public static void mappedAllocated(long address, long capacity) {
        AllocationListener current = listener;
        if (current == null || address == 0 || !enter()) {
            return;
        }
        try {
            current.mappedAllocated(address, capacity);
        } catch (Throwable ignored) {
            // As above.
        } finally {
            leave();
        }
    }

    /**
     * Constructor exit advice on a tracked class with a {@code leakprobe$site} field: returns the value to store,
     * {@code current} when already set (a chained constructor), else a site id for one instance in {@link #sample}.
     */
    public static int siteField(int current, Object instance) {
        if (current != 0) {
            return current;
        }
        AllocationListener active = listener;
        if (active == null || !sampled() || !enter()) {
            return 0;
        }
        try {
            return active.siteOf(instance);
        } catch (Throwable ignored) {
            return 0;
        } finally {
            leave();
        }
    }

    /** Constructor exit advice on a tracked class loaded before the agent: remember one instance in N weakly. */
    public static void sampleWithoutField(Object instance) {
        AllocationListener active = listener;
        if (active == null || !sampled() || !enter()) {
            return;
        }
        try {
            active.sampledWithoutField(instance);
        } catch (Throwable ignored) {
            // As above.
        } finally {
            leave();
        }
    }

    private static boolean sampled() {
        int n = sample;
        return n <= 1 || ThreadLocalRandom.current().nextInt(n) == 0;
    }

    private static boolean enter() {
        if (BUSY.get() == Boolean.TRUE) {
            return false;
        }
        BUSY.set(Boolean.TRUE);
        return true;
    }

    private static void leave() {
        BUSY.set(Boolean.FALSE);
    }
}
