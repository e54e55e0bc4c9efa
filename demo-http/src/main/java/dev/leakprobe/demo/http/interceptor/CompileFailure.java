package dev.leakprobe.demo.http.interceptor;

/** The folder's sources do not compile (or load): the message is javac's first errors, one per line. */
final class CompileFailure extends Exception {
    CompileFailure(String message) {
        super(message, null, false, false);
    }
}
