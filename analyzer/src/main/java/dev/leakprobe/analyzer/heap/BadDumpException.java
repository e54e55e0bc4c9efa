package dev.leakprobe.analyzer.heap;

/** A dump that cannot be analysed; the message is one line meant for the user. */
public final class BadDumpException extends Exception {

    public BadDumpException(String message) {
        super(message);
    }

    public BadDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
