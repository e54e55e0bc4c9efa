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

    private DirectBufferAdvice() {}

    static final class Allocated {
        private Allocated() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("address") long address, @Advice.FieldValue("capacity") int capacity) {
            AllocationDispatcher.directAllocated(address, capacity);
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
