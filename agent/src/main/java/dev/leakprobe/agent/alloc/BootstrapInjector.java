package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.format.Synthetic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the classes of {@code dev.leakprobe.agent.bootstrap} on the bootstrap class path, so that advice inlined into
 * {@code java.nio.DirectByteBuffer} can call them and so that the agent's own loader resolves the same classes
 * (parent first) instead of defining copies of its own.
 *
 * <p>The bytes are read as resources of the agent's jar (or {@code target/classes} in tests), never by loading the
 * classes: a class the agent's loader defined before the injection would shadow the injected one. This is also why
 * nothing in {@link AllocationTracking} names a bootstrap class directly.
 */
final class BootstrapInjector {

    static final String DISPATCHER = Synthetic.DISPATCHER_CLASS;

    /** Every class of the bootstrap package; no nested or anonymous classes there, so this list is complete. */
    private static final List<String> CLASSES =
            List.of(Synthetic.LISTENER_CLASS, DISPATCHER, Synthetic.TRACKED_REF_CLASS);

    private BootstrapInjector() {}

    /** Returns whether the dispatcher the agent's loader sees is the bootstrap one (injecting it if needed). */
    static synchronized boolean inject(Instrumentation instrumentation) throws IOException {
        if (!onBootstrapPath()) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(writeJar().toFile()));
        }
        ClassLoader agentLoader = BootstrapInjector.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                if (Class.forName(name, false, agentLoader).getClassLoader() != null) {
                    AgentLog.warn("allocation tracking is off: " + name + " was loaded by the application class"
                            + " loader before the agent could put it on the bootstrap class path");
                    return false;
                }
            } catch (ClassNotFoundException e) {
                AgentLog.warn("allocation tracking is off: " + name + " not found after injection");
                return false;
            }
        }
        return true;
    }

    private static boolean onBootstrapPath() {
        try {
            Class.forName(DISPATCHER, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Path writeJar() throws IOException {
        Path jar = Files.createTempFile("leakprobe-bootstrap-" + ProcessHandle.current().pid() + "-", ".jar");
        jar.toFile().deleteOnExit(); // The JVM keeps the jar open; on Linux the deletion waits for the exit.
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("the agent jar has no " + resource);
                    }
                    out.putNextEntry(new JarEntry(resource));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
