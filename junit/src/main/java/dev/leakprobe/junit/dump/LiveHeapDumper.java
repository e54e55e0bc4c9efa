package dev.leakprobe.junit.dump;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Live heap dumps of this JVM through {@code HotSpotDiagnosticMXBean} (module {@code jdk.management}).
 *
 * <p>The bean's class is only touched by {@link HotSpotDumps}, after {@link #create()} has checked that the module is
 * there: a JVM without it gets one sentence saying so instead of a {@code NoClassDefFoundError}.
 */
public final class LiveHeapDumper {

    static final String MODULE = "jdk.management";

    private final HotSpotDumps dumps;

    private LiveHeapDumper(HotSpotDumps dumps) {
        this.dumps = dumps;
    }

    /** @throws ExtensionConfigurationException when this JVM cannot dump its heap */
    public static LiveHeapDumper create() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            String runtime = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
            if (ModuleFinder.ofSystem().find(MODULE).isPresent()) {
                throw new ExtensionConfigurationException("@LeakTest needs the module " + MODULE
                        + " to dump the heap, and it is not resolved in this JVM (" + runtime
                        + "): add --add-modules " + MODULE + " to the test JVM's options");
            }
            throw new ExtensionConfigurationException("@LeakTest needs the module " + MODULE
                    + " to dump the heap, and this Java runtime (" + runtime + ", " + System.getProperty("java.home")
                    + ") has none: run the tests on a full JDK, or add the module to the image (jlink --add-modules "
                    + MODULE + ")");
        }
        try {
            return new LiveHeapDumper(HotSpotDumps.platform());
        } catch (IllegalArgumentException | LinkageError e) {
            throw new ExtensionConfigurationException(
                    "@LeakTest needs a HotSpot JVM to dump the heap, and this one ("
                            + System.getProperty("java.vm.name") + ") has no HotSpotDiagnosticMXBean: " + e,
                    e);
        }
    }

    /**
     * A dump of the objects reachable now (a full GC first), complete once it has its name: the JVM writes it under a
     * hidden name, which is then renamed, so a file named {@code *.hprof} is always a whole dump.
     */
    public Path dump(Path folder, String name) throws IOException {
        Path target = folder.resolve(name + ".hprof");
        Path partial = folder.resolve(".partial-" + name + ".hprof");
        checkSpace(folder);
        try {
            dumps.dumpHeap(partial.toString(), true);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** As the agent does: the dump of a heap needs at most about its used size; a margin for the rest. */
    private static void checkSpace(Path folder) throws IOException {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long needed = used + used / 2 + (64L << 20);
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < needed) {
            throw new IOException("@LeakTest: not enough free space for a heap dump in " + folder + ": " + (free >> 20)
                    + " MB free, about " + (needed >> 20) + " MB needed");
        }
    }
}
