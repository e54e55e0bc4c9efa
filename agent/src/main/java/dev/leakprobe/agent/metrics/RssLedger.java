package dev.leakprobe.agent.metrics;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakprobe.format.schema.RssParts;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The memory ledger ({@link RssParts}): what the JVM can say its resident set is made of, and what is left over.
 *
 * <ul>
 *   <li>the heap: what of it is resident ({@link ResidentMemory}, the heap's own mappings in smaps) where the OS
 *       says, its committed size too;
 *   <li>mapped files resident (the JVM's libraries, the CDS archive), less the mapped buffers;
 *   <li>heap, metaspace (class space included: the pool {@code Metaspace} counts it) and code cache: the committed
 *       sizes of their memory pools;
 *   <li>thread stacks: Native Memory Tracking's {@code Thread} when it is on; else the number of the process's
 *       threads ({@code /proc/self/task}, the JVM's own threads included) × the stack size ({@code -Xss}, the flag
 *       {@code ThreadStackSize}; 1 MB by default on Linux x86_64). An upper bound: a stack is resident only as far
 *       as it was ever used;
 *   <li>direct and mapped buffers: the buffer pools;
 *   <li>with tracking, its other categories (GC, Compiler, Symbol, ...); direct buffers are taken out of its
 *       {@code Other}, which counts them, so that they are not counted twice.
 * </ul>
 */
final class RssLedger {

    /** Categories the named parts already hold. */
    private static final Set<String> NAMED = Set.of("Java Heap", "Class", "Metaspace", "Code", "Thread");

    private static final String OTHER = "Other";
    private static final long DEFAULT_STACK_BYTES = 1L << 20;
    private static final long STACK_BYTES = stackBytes();

    private RssLedger() {}

    /**
     * @param rss the resident set, -1 when unknown
     * @param direct bytes of the direct buffer pool, as the snapshot read them
     * @param mapped bytes of the mapped buffer pool
     */
    static RssParts capture(long rss, long heapCommitted, long direct, long mapped) {
        long metaspace = 0;
        long codeCache = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.NON_HEAP) {
                continue;
            }
            String name = pool.getName();
            if (name.equals("Metaspace")) {
                metaspace = pool.getUsage().getCommitted();
            } else if (name.startsWith("CodeHeap") || name.replace(" ", "").equals("CodeCache")) {
                codeCache += pool.getUsage().getCommitted();
            }
        }
        Map<String, Long> tracked = NativeMemoryTracking.committedByCategory();
        long threadStacks = tracked.containsKey("Thread") ? tracked.get("Thread") : threadCount() * STACK_BYTES;
        Map<String, Long> others = new LinkedHashMap<>();
        tracked.forEach((category, bytes) -> {
            if (!NAMED.contains(category)) {
                others.put(category, category.equals(OTHER) ? Math.max(0, bytes - direct) : bytes);
            }
        });
        ResidentMemory resident = ResidentMemory.read();
        return RssParts.of(
                rss,
                heapCommitted,
                metaspace,
                codeCache,
                threadStacks,
                direct,
                mapped,
                others,
                resident.heap() < 0 ? null : resident.heap(),
                resident.files() < 0 ? null : Math.max(0, resident.files() - mapped));
    }

    /** Every thread of the process, the JVM's GC and compiler threads too; the Java threads where /proc is absent. */
    static long threadCount() {
        // java.io.File, not NIO: a directory stream would take a direct buffer and show among the application's.
        String[] tasks = new File("/proc/self/task").list();
        return tasks != null
                ? tasks.length
                : ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long stackBytes() {
        try {
            long kilobytes = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("ThreadStackSize")
                    .getValue());
            return kilobytes > 0 ? kilobytes * 1024 : DEFAULT_STACK_BYTES;
        } catch (RuntimeException | LinkageError e) {
            return DEFAULT_STACK_BYTES;
        }
    }
}
