package dev.leakprobe.agent.alloc;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.format.Synthetic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Defines the classes of {@code dev.leakprobe.agent.bootstrap} in the bootstrap class loader, so that advice inlined
 * into {@code java.nio.DirectByteBuffer} can call them and so that the agent's own loader resolves the same classes
 * (parent first) instead of defining copies of its own.
 *
 * <p>They are defined directly ({@link BootClassDefiner}), not by appending a jar to the bootstrap class path: with
 * class data sharing on (the JDK's default), HotSpot answers {@code appendToBootstrapClassLoaderSearch} with "Sharing
 * is only supported for boot loader classes because bootstrap classpath has been appended" on the application's
 * stderr, and stops sharing the application's classes. The jar remains the fallback.
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
        sweepStaleJars(Path.of(System.getProperty("java.io.tmpdir")));
        if (!onBootstrapPath()) {
            try {
                defineInBootLoader(instrumentation);
            } catch (Exception | LinkageError e) {
                AgentLog.warn("allocation tracking: cannot define its classes in the bootstrap loader (" + e
                        + "); appending a jar to the bootstrap class path instead, about which the JVM may warn");
                instrumentation.appendToBootstrapClassLoaderSearch(
                        new JarFile(writeJar().toFile()));
            }
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

    /**
     * {@code jdk.internal.misc.Unsafe.defineClass} with no loader defines a class in the bootstrap loader. Its
     * package is exported (with the instrumentation's {@code redefineModule}) only to the unnamed module of a class
     * loader made for {@link BootClassDefiner} alone, never to the application's class path, where the agent lives.
     */
    private static void defineInBootLoader(Instrumentation instrumentation)
            throws IOException, ReflectiveOperationException {
        Class<?> definer = new OneClassLoader()
                .define(BootClassDefiner.class.getName(), bytesOf(BootClassDefiner.class.getName()));
        instrumentation.redefineModule(
                Object.class.getModule(),
                Set.of(),
                Map.of(BootClassDefiner.UNSAFE_PACKAGE, Set.of(definer.getModule())),
                Map.of(),
                Set.of(),
                Map.of());
        Method define = definer.getMethod("define", String.class, byte[].class);
        for (String name : CLASSES) {
            try {
                define.invoke(null, name, bytesOf(name));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof LinkageError) {
                    throw (LinkageError) e.getCause(); // a clearer line than its wrapper's
                }
                throw e;
            }
        }
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
        Path jar = Files.createTempFile(JAR_PREFIX + ProcessHandle.current().pid() + "-", ".jar");
        jar.toFile().deleteOnExit(); // The JVM keeps the jar open; on Linux the deletion waits for the exit.
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                out.putNextEntry(new JarEntry(resource(name)));
                out.write(bytesOf(name));
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Deletes the bootstrap jars of JVMs that are gone: {@code deleteOnExit} runs only on a normal exit, so a JVM that
     * was killed or crashed leaves its jar (an agent of ours from before the jar was only the fallback left one
     * every start). Only plain files of exactly our name whose pid runs no process; never a link. A pid that runs
     * again (another process) keeps its jar: it costs a few KB, deleting a live one would cost that JVM its classes.
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
        return pid == ProcessHandle.current().pid()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean deletePlainFile(Path file) {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() && Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            return false; // someone else's, in a sticky /tmp: not ours to delete after all
        }
    }

    private static byte[] bytesOf(String className) throws IOException {
        try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource(className))) {
            if (in == null) {
                throw new IOException("the agent jar has no " + resource(className));
            }
            return in.readAllBytes();
        }
    }

    private static String resource(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** A loader of one class, whose unnamed module is that class's alone; its parent is the bootstrap loader. */
    private static final class OneClassLoader extends ClassLoader {
        OneClassLoader() {
            super("leakprobe-boot-definer", null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
