package dev.leakprobe.agent.alloc;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the current stack into an allocation site: a few frames, application frames first.
 *
 * <p>Walks at most {@link #MAX_WALK} frames and keeps {@link #MAX_FRAMES}, so the cost of one capture is bounded
 * whatever the depth of the application's stack. A capture is keyed by class, method and bytecode index, which the
 * walk gives cheaply; file names and line numbers (the costly part) are read only for a key not seen before.
 */
final class StackCapture {

    static final int MAX_FRAMES = 6;
    static final int MAX_WALK = 64;

    /** The agent's own frames between the advice and this class. */
    private static final Set<String> OWN_CLASSES = Set.of(
            StackCapture.class.getName(), "dev.leakprobe.agent.alloc.AgentListener",
            DirectBufferSites.class.getName(), TrackedSites.class.getName(), BootstrapInjector.DISPATCHER);

    /** JDK frames between the application and the allocation of a direct buffer. */
    private static final List<String> DIRECT_JDK_PREFIXES = List.of("java.nio.", "jdk.internal.", "sun.nio.");

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Names of a class and its superclasses, computed once per class. */
    private static final ClassValue<Set<String>> HIERARCHY = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return hierarchyOf(type);
        }
    };

    private StackCapture() {}

    /** The site of a direct buffer: the first frames that are neither ours nor the JDK's buffer plumbing. */
    static Capture directBufferSite() {
        return capture(frame -> OWN_CLASSES.contains(frame.getClassName())
                || startsWithAny(frame.getClassName(), DIRECT_JDK_PREFIXES));
    }

    /**
     * The site of a tracked instance: the first frames after its own constructors (and its superclasses'), so that
     * the site names the method that wrote {@code new}.
     */
    static Capture constructorSite(Class<?> type) {
        Set<String> hierarchy = HIERARCHY.get(type);
        return capture(frame -> OWN_CLASSES.contains(frame.getClassName())
                || ("<init>".equals(frame.getMethodName()) && hierarchy.contains(frame.getClassName())));
    }

    private static Capture capture(Predicate<StackFrame> leadingToSkip) {
        return new Capture(WALKER.walk(frames -> frames.limit(MAX_WALK)
                .dropWhile(leadingToSkip)
                .limit(MAX_FRAMES)
                .toList()));
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

    /** One captured stack: a cheap key, and the frames to format when the key is new. */
    static final class Capture {

        final Key key;
        private final List<StackFrame> frames;

        Capture(List<StackFrame> frames) {
            this.frames = frames;
            this.key = new Key(frames);
        }

        List<String> formatted() {
            List<String> text = new ArrayList<>(frames.size());
            for (StackFrame frame : frames) {
                text.add(format(frame));
            }
            return List.copyOf(text);
        }
    }

    /** Class, method and bytecode index of each frame: equal keys are the same site. */
    static final class Key {

        private final String[] classes;
        private final String[] methods;
        private final int[] indexes;
        private final int hash;

        Key(List<StackFrame> frames) {
            classes = new String[frames.size()];
            methods = new String[frames.size()];
            indexes = new int[frames.size()];
            for (int i = 0; i < frames.size(); i++) {
                classes[i] = frames.get(i).getClassName();
                methods[i] = frames.get(i).getMethodName();
                indexes[i] = frames.get(i).getByteCodeIndex();
            }
            hash = 31 * (31 * Arrays.hashCode(classes) + Arrays.hashCode(methods)) + Arrays.hashCode(indexes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && hash == that.hash && Arrays.equals(indexes, that.indexes)
                    && Arrays.equals(methods, that.methods) && Arrays.equals(classes, that.classes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
