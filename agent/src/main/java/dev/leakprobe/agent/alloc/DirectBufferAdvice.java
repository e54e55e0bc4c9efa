package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.bootstrap.AllocationDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@code java.nio.DirectByteBuffer$Deallocator}, the object that owns a direct buffer's native
 * memory: its constructor runs inside {@code DirectByteBuffer(int)} right after the memory is reserved, and its
 * {@code run} frees it when the buffer's cleaner runs. Both see the same {@code address} field, so an allocation and
 * its free always match (even with page-aligned buffers, whose buffer address differs from the allocated one).
 * Same fields ({@code address}, {@code capacity}) on JDK 17 (a class) and JDK 25 (a record).
 *
 * <p>Each method is one static call to the bootstrap dispatcher: inlined code in {@code java.nio} sees only the
 * bootstrap class path, and lambdas would not survive the inlining.
 */
final class DirectBufferAdvice {

    static final String DEALLOCATOR = "java.nio.DirectByteBuffer$Deallocator";

    /** The buffer class whose constructor {@code FileChannel.map} calls (through reflection on JDK 17). */
    static final String DIRECT_BUFFER = "java.nio.DirectByteBuffer";

    /**
     * The object that unmaps a mapped buffer when its cleaner runs ({@code run}); its {@code address} is the page
     * the mapping starts at, and the buffer's own address is {@code address + pagePosition} (JDK 17 and 25 alike).
     */
    static final String UNMAPPER = "sun.nio.ch.FileChannelImpl$Unmapper";

    private DirectBufferAdvice() {}

    static final class Allocated {
        private Allocated() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("address") long address, @Advice.FieldValue("capacity") int capacity) {
            AllocationDispatcher.directAllocated(address, capacity);
        }
    }

    /**
     * Exit of {@code DirectByteBuffer(int cap, long addr, FileDescriptor fd, Runnable unmapper, boolean isSync, ...)}:
     * the buffer's address is {@code addr}, exactly what the dump will hold in its {@code address} field.
     */
    static final class Mapped {
        private Mapped() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) int capacity, @Advice.Argument(1) long address) {
            AllocationDispatcher.mappedAllocated(address, capacity);
        }
    }

    /** Entry of the unmapper's {@code run}: the mapping is about to go. */
    static final class Unmapped {
        private Unmapped() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(
                @Advice.FieldValue("address") long address,
                @Advice.FieldValue("pagePosition") int pagePosition,
                @Advice.FieldValue("cap") long capacity) {
            if (address != 0) {
                AllocationDispatcher.directFreed(address + pagePosition, capacity);
            }
        }
    }

    static final class Freed {
        private Freed() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("address") long address, @Advice.FieldValue("capacity") int capacity) {
            AllocationDispatcher.directFreed(address, capacity);
        }
    }
}
