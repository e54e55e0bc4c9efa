package dev.leakprobe.agent.alloc;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the current stack into an allocation site: a few frames, application frames first.
 *
 * <p>Walks at most {@link #MAX_WALK} frames and keeps {@link #MAX_FRAMES}, so the cost of one capture is bounded
 * whatever the depth of the application's stack.
 */
final class StackCapture {

    static final int MAX_FRAMES = 6;
    static final int MAX_WALK = 64;

    /** The agent's own frames between the advice and this class. */
    private static final Set<String> OWN_CLASSES = Set.of(
            StackCapture.class.getName(), "dev.leakprobe.agent.alloc.AgentListener", DirectBufferSites.class.getName(),
            TrackedSites.class.getName(), BootstrapInjector.DISPATCHER);

    /** JDK frames between the application and the allocation of a direct buffer. */
    private static final List<String> DIRECT_JDK_PREFIXES = List.of("java.nio.", "jdk.internal.", "sun.nio.");

    private static final StackWalker WALKER = StackWalker.getInstance();

    private StackCapture() {}

    /** The site of a direct buffer: the first frames that are neither ours nor the JDK's buffer plumbing. */
    static List<String> directBufferSite() {
        return capture(frame -> OWN_CLASSES.contains(frame.getClassName())
                || startsWithAny(frame.getClassName(), DIRECT_JDK_PREFIXES));
    }

    /**
     * The site of a tracked instance: the first frames after its own constructors (and its superclasses'), so that
     * the site names the method that wrote {@code new}.
     */
    static List<String> constructorSite(Class<?> type) {
        Set<String> hierarchy = hierarchyOf(type);
        return capture(frame -> OWN_CLASSES.contains(frame.getClassName())
                || ("<init>".equals(frame.getMethodName()) && hierarchy.contains(frame.getClassName())));
    }

    private static List<String> capture(Predicate<StackFrame> leadingToSkip) {
        return WALKER.walk(frames -> frames.limit(MAX_WALK)
                .dropWhile(leadingToSkip)
                .limit(MAX_FRAMES)
                .map(StackCapture::format)
                .toList());
    }

    /** The same text as {@link StackTraceElement#toString()}, without the class loader and module prefix. */
    static String format(StackFrame frame) {
        String where;
        if (frame.isNativeMethod()) {
            where = "Native Method";
        } else if (frame.getFileName() == null) {
            where = "Unknown Source";
        } else if (frame.getLineNumber() >= 0) {
            where = frame.getFileName() + ":" + frame.getLineNumber();
        } else {
            where = frame.getFileName();
        }
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    private static Set<String> hierarchyOf(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return Set.copyOf(names);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
