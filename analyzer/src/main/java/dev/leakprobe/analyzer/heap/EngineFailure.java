package dev.leakprobe.analyzer.heap;

/**
 * Our words, in one line, for what an engine threw that it did not explain itself: a damaged or unusual dump makes a
 * parser fail with {@code NegativeArraySizeException: -9}, a {@code NullPointerException}'s text about its own
 * variables, or MAT's "(see FAQ)"; none of that tells a user what to do. The exception's class is kept, in
 * parentheses, for a bug report.
 */
public final class EngineFailure {

    private EngineFailure() {}

    /** @param engine how the sentence names the engine: {@code "the MAT engine"} */
    public static String describe(String displayName, String engine, Throwable e) {
        if (e instanceof StackOverflowError) {
            return displayName + ": cannot parse heap dump: " + engine + " ran out of thread stack on a very deep "
                    + "object graph";
        }
        return displayName + ": cannot parse heap dump: its records are damaged, or of a kind " + engine
                + " does not read (" + innermost(e).getClass().getSimpleName() + ")";
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
