package dev.leakprobe.analyzer.heap.hprof;

/** The dump is not what its format promises; the message is one line for the user. */
final class HprofFormatException extends Exception {

    HprofFormatException(String message) {
        super(message);
    }
}
