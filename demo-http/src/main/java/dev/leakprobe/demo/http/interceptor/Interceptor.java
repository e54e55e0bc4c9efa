package dev.leakprobe.demo.http.interceptor;

import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import java.util.Optional;

/**
 * What a Java source file in the interceptors folder implements: a public class with a public no-argument
 * constructor. Each worker compiles the folder at start and again whenever a file changes, loads the classes in a
 * new class loader and calls {@link #close()} on the interceptors it replaces.
 */
public interface Interceptor extends AutoCloseable {

    /** Sees every request before the handler: an answer to send at once, or empty to pass the request on. */
    Optional<Response> intercept(Request request) throws Exception;

    /** Called once when a reload replaces this interceptor: stop what it started (threads, timers). */
    @Override
    default void close() {}
}
