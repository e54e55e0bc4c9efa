package dev.leakprobe.demo.http.interceptor;

import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The interceptors of one folder of {@code *.java} files: compiled at start, and compiled again and loaded in a new
 * class loader whenever a file is added, changed (contents or time) or removed. The folder is looked at every
 * {@link #CHECK_MILLIS} ms (polling works the same on every system and every file system). A folder that does not
 * compile keeps the generation before it, and the errors are said. Requests in flight finish with the generation
 * they started with; the replaced interceptors are closed.
 */
public final class InterceptorFolder implements AutoCloseable {

    static final long CHECK_MILLIS = 500;

    private final Path folder;
    private final String who;
    private final Thread watcher;
    private volatile Generation current = Generation.NONE;
    private volatile boolean closed;
    private Map<String, String> lastSeen = Map.of();
    private String lastError = "";

    public InterceptorFolder(Path folder, String who) {
        this.folder = folder;
        this.who = who;
        this.watcher = new Thread(this::watch, who + "-interceptor-watch");
        this.watcher.setDaemon(true);
    }

    /** Compiles the folder once (now, on this thread), then watches it. */
    public InterceptorFolder start() {
        reloadIfChanged();
        watcher.start();
        return this;
    }

    /** The first answer an interceptor gives, in class-name order; empty when all pass the request on. */
    public Optional<Response> intercept(Request request) throws Exception {
        for (Interceptor interceptor : current.interceptors()) {
            Optional<Response> answer = interceptor.intercept(request);
            if (answer != null && answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            reloadIfChanged();
        }
    }

    private void reloadIfChanged() {
        Map<String, String> seen;
        List<Path> sources;
        try {
            sources = sources();
            seen = fingerprints(sources);
        } catch (IOException e) {
            String error = who + ": cannot read the interceptors folder " + folder + ": " + e;
            if (!error.equals(lastError)) { // said once, not every half second
                System.err.println(error);
                lastError = error;
            }
            return;
        }
        lastError = "";
        if (seen.equals(lastSeen)) {
            return;
        }
        lastSeen = seen;
        long start = System.nanoTime();
        int number = current.number() + 1;
        Generation next;
        try {
            next = sources.isEmpty() ? new Generation(number, null, List.of()) : load(number, sources);
        } catch (CompileFailure e) {
            System.out.println(who + ": interceptors not reloaded, generation " + current.number() + " stays: "
                    + e.getMessage().replace("\n", " | "));
            return;
        }
        Generation replaced = current;
        current = next;
        replaced.close(who);
        // The newest source's time lets a script tell that the reload it asked for is done (demo-cluster.sh).
        System.out.println(who + ": interceptors generation " + next.number() + " loaded: " + next.names() + " ("
                + (System.nanoTime() - start) / 1_000_000 + " ms, newest source " + newest(sources) + ")");
    }

    private static long newest(List<Path> sources) {
        long newest = 0;
        for (Path source : sources) {
            try {
                newest = Math.max(newest, Files.getLastModifiedTime(source).toMillis());
            } catch (IOException gone) {
                // Removed since: the next look at the folder reloads anyway.
            }
        }
        return newest;
    }

    private List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    /** File name → modification time and a hash of the contents: touching a file reloads it, as editing does. */
    private static Map<String, String> fingerprints(List<Path> sources) throws IOException {
        Map<String, String> seen = new TreeMap<>();
        for (Path source : sources) {
            seen.put(
                    source.getFileName().toString(),
                    Files.getLastModifiedTime(source).toMillis() + ":" + Arrays.hashCode(Files.readAllBytes(source)));
        }
        return seen;
    }

    private Generation load(int number, List<Path> sources) throws CompileFailure {
        Map<String, byte[]> classFiles = InterceptorCompiler.compile(sources);
        InterceptorClassLoader loader = new InterceptorClassLoader(number, classFiles);
        List<Interceptor> interceptors = new ArrayList<>();
        try {
            for (String name : new TreeMap<>(classFiles).keySet()) {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isMemberClass() || type.isAnonymousClass() || type.isLocalClass()) {
                    continue;
                }
                if (Interceptor.class.isAssignableFrom(type)
                        && !type.isInterface()
                        && !Modifier.isAbstract(type.getModifiers())) {
                    interceptors.add((Interceptor) type.getConstructor().newInstance());
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            new Generation(number, loader, interceptors).close(who);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CompileFailure("cannot create an interceptor: " + cause);
        }
        return new Generation(number, loader, List.copyOf(interceptors));
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        current.close(who);
    }
}
