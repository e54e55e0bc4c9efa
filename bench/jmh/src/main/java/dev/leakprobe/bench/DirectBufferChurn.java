package dev.leakprobe.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One direct buffer allocated and released, as a server's I/O path does: what the agent's direct-buffer tracking
 * adds to it is the stack walk and the bookkeeping on allocation, and the bookkeeping on release. The buffer is
 * released at once through its cleaner (what the Reference Handler runs later for a dropped buffer), so that the
 * benchmark measures allocation and release and not the garbage collector. The thread count and the agent (or none)
 * come from the command line: see bench/direct-tracking.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DirectBufferChurn {

    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    @Param("1024")
    int size;

    @Benchmark
    public byte allocateAndRelease() throws Throwable {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        buffer.put(0, (byte) 1);
        byte first = buffer.get(0);
        INVOKE_CLEANER.invokeExact(buffer);
        return first;
    }

    /** {@code sun.misc.Unsafe.invokeCleaner(ByteBuffer)}, bound to the instance. */
    private static MethodHandle invokeCleaner() {
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(type, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(field.get(null));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
