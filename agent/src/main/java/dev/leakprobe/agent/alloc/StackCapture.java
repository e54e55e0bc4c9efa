package dev.leakprobe.agent.alloc;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the current stack into an allocation site: the frames from the allocating code down to the first
 * application frame, and which of them that is.
 *
 * <p>The rule for depth: past the leading plumbing (the agent's recording frames, the JDK's buffer code, a tracked
 * class's constructors), the first frame outside the JDK names a library (its package root, {@code io.netty} for
 * {@code io.netty.buffer.PoolArena}). The walk goes on past JDK frames and frames of that library, and the first
 * frame outside both is the <em>application frame</em>: the code that called into the pool or container. A site
 * keeps {@link #MIN_FRAMES} frames, or more so as to hold the application frame and its caller, never more than
 * the depth ({@code stack-depth=N}). When the walk never leaves the top frame's library (the application allocates
 * itself), the top frame is the application frame. The rule cannot tell an application called by a framework from
 * a library called by the application: then it marks the framework's frame; the top frame is the allocator either way.
 *
 * <p>A stack with a frame of the agent's own code past the plumbing (its {@code /proc} reads, its files) is the
 * agent's allocation, not the application's: {@link #directBufferSite} returns {@code null} for it.
 *
 * <p>A capture is keyed by class, method and bytecode index, which the walk gives cheaply; file names and line
 * numbers (the costly part) are read only for a key not seen before.
 */
final class StackCapture {

    static final int DEFAULT_DEPTH = 32;
    static final int MAX_DEPTH = 256;
    static final int MIN_FRAMES = 6;

    /** Leading plumbing skipped before the site's first frame, beyond the depth: bounded too. */
    private static final int MAX_LEADING = 64;

    /** The agent's own frames between the advice and this class. */
    private static final Set<String> RECORDING_CLASSES = Set.of(
            StackCapture.class.getName(),
            "dev.leakprobe.agent.alloc.AgentListener",
            DirectBufferSites.class.getName(),
            TrackedSites.class.getName(),
            BootstrapInjector.DISPATCHER);

    /**
     * JDK frames between the application and the allocation of a direct buffer; reflection too, through which
     * {@code FileChannel.map} makes its mapped buffer on JDK 17.
     */
    private static final List<String> DIRECT_JDK_PREFIXES =
            List.of("java.nio.", "jdk.internal.", "sun.nio.", "java.lang.reflect.", "java.lang.invoke.");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Names of a class and its superclasses, computed once per class. */
    private static final ClassValue<Set<String>> HIERARCHY = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return hierarchyOf(type);
        }
    };

    private final int depth;

    StackCapture(int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("stack depth must be from 1 to " + MAX_DEPTH + ", was " + depth);
        }
        this.depth = depth;
    }

    int depth() {
        return depth;
    }

    /**
     * The site of a direct buffer: frames from the first that is neither the agent's recording nor the JDK's buffer
     * plumbing; {@code null} when the agent itself allocated the buffer.
     */
    Capture directBufferSite() {
        return capture(frame -> RECORDING_CLASSES.contains(frame.getClassName())
                || startsWithAny(frame.getClassName(), DIRECT_JDK_PREFIXES));
    }

    /**
     * The site of a tracked instance: frames from the first after its own constructors (and its superclasses'), so
     * that the site names the method that wrote {@code new}; {@code null} when the agent itself made the instance.
     */
    Capture constructorSite(Class<?> type) {
        Set<String> hierarchy = HIERARCHY.get(type);
        return capture(frame -> RECORDING_CLASSES.contains(frame.getClassName())
                || ("<init>".equals(frame.getMethodName()) && hierarchy.contains(frame.getClassName())));
    }

    private Capture capture(Predicate<StackFrame> leadingToSkip) {
        return WALKER.walk(frames -> select(frames.iterator(), leadingToSkip));
    }

    private Capture select(Iterator<StackFrame> frames, Predicate<StackFrame> leadingToSkip) {
        StackFrame first = null;
        for (int skipped = 0; frames.hasNext() && skipped < MAX_LEADING; skipped++) {
            StackFrame frame = frames.next();
            if (!leadingToSkip.test(frame)) {
                first = frame;
                break;
            }
        }
        List<StackFrame> kept = new ArrayList<>(MIN_FRAMES + 2);
        String library = null;
        int application = -1;
        for (StackFrame frame = first; frame != null; frame = frames.hasNext() ? frames.next() : null) {
            CodeKind kind = CodeKind.of(frame.getDeclaringClass());
            if (kind == CodeKind.AGENT) {
                return null;
            }
            kept.add(frame);
            if (kind != CodeKind.JDK && application < 0) {
                String root = CodeKind.packageRoot(frame.getDeclaringClass());
                if (library == null) {
                    library = root;
                } else if (!library.equals(root)) {
                    application = kept.size() - 1;
                }
            }
            int wanted = application < 0 ? depth : Math.max(MIN_FRAMES, application + 2);
            if (kept.size() >= Math.min(wanted, depth)) {
                break;
            }
        }
        if (application < 0) {
            // Never left the top frame's library: that code allocated itself (or only the JDK is on the stack).
            application = library == null ? -1 : firstOutsideTheJdk(kept);
            if (kept.size() > MIN_FRAMES && application < MIN_FRAMES) {
                kept = kept.subList(0, MIN_FRAMES);
            }
        }
        return new Capture(List.copyOf(kept), application);
    }

    private static int firstOutsideTheJdk(List<StackFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (CodeKind.of(frames.get(i).getDeclaringClass()) != CodeKind.JDK) {
                return i;
            }
        }
        return -1;
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
        private final int applicationFrame;

        Capture(List<StackFrame> frames, int applicationFrame) {
            this.frames = frames;
            this.applicationFrame = applicationFrame;
            this.key = new Key(frames);
        }

        SiteFrames formatted() {
            List<String> text = new ArrayList<>(frames.size());
            for (StackFrame frame : frames) {
                text.add(format(frame));
            }
            return new SiteFrames(text, applicationFrame);
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
            return other instanceof Key that
                    && hash == that.hash
                    && Arrays.equals(indexes, that.indexes)
                    && Arrays.equals(methods, that.methods)
                    && Arrays.equals(classes, that.classes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
