package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.format.Synthetic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    static final String JAR_PREFIX = "leakprobe-bootstrap-";
    /** {@code Files.createTempFile}'s name: our prefix, the pid, its random number, the suffix. */
    private static final Pattern JAR_NAME = Pattern.compile(Pattern.quote(JAR_PREFIX) + "(\\d{1,18})-\\d{1,20}\\.jar");

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
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepStaleJars(tmp);
        Path jar = Files.createTempFile(JAR_PREFIX + ProcessHandle.current().pid() + "-", ".jar");
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

    /**
     * Deletes the bootstrap jars of JVMs that are gone: {@code deleteOnExit} runs only on a normal exit, so a JVM that
     * was killed or crashed leaves its jar. Only plain files of exactly our name whose pid runs no process; never a
     * link. A pid that runs again (another process) keeps its jar: it costs a few KB, deleting a live one would cost
     * that JVM its classes.
     */
    static void sweepStaleJars(Path tmp) {
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = JAR_NAME.matcher(file.getFileName().toString());
                if (name.matches() && !alive(Long.parseLong(name.group(1))) && deletePlainFile(file)) {
                    removed.add(file.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            return; // no listing: nothing swept, nothing lost
        }
        if (!removed.isEmpty()) {
            AgentLog.info("removed " + removed.size() + " bootstrap jar" + (removed.size() == 1 ? "" : "s")
                    + " that JVMs which did not exit normally left in " + tmp + ": " + removed.get(0)
                    + (removed.size() > 1 ? " and " + (removed.size() - 1) + " more" : ""));
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean deletePlainFile(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() && Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            return false; // someone else's, in a sticky /tmp: not ours to delete after all
        }
    }
}
