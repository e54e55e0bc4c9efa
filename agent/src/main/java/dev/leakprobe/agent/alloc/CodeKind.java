package dev.leakprobe.agent.alloc;

/**
 * Whose code a frame runs, as {@link StackCapture} needs to know it: the JDK's (defined by the bootstrap or platform
 * class loader), the agent's own (its jar, which holds its relocated libraries, or {@code target/classes} in tests;
 * and the classes it puts on the bootstrap class path), or anyone else's. Computed once per class.
 */
enum CodeKind {
    JDK,
    AGENT,
    OTHER;

    private static final String BOOTSTRAP_PACKAGE = "dev.leakprobe.agent.bootstrap.";

    private static final ClassValue<CodeKind> KINDS = new ClassValue<>() {
        @Override
        protected CodeKind computeValue(Class<?> type) {
            return kindOf(type);
        }
    };

    private static final ClassValue<String> ROOTS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return rootOf(type.getPackageName());
        }
    };

    static CodeKind of(Class<?> type) {
        return KINDS.get(type);
    }

    /**
     * The first two parts of the class's package ({@code io.netty} for {@code io.netty.buffer.PoolArena}): what
     * stands for "the same library" when a walk goes past a pool's frames.
     */
    static String packageRoot(Class<?> type) {
        return ROOTS.get(type);
    }

    static String rootOf(String packageName) {
        int first = packageName.indexOf('.');
        if (first < 0) {
            return packageName;
        }
        int second = packageName.indexOf('.', first + 1);
        return second < 0 ? packageName : packageName.substring(0, second);
    }

    private static CodeKind kindOf(Class<?> type) {
        if (type.getName().startsWith(BOOTSTRAP_PACKAGE)) {
            return AGENT;
        }
        ClassLoader loader = type.getClassLoader();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
            return JDK;
        }
        try {
            return TrackedClassMatcher.isAgentCode(type.getProtectionDomain()) ? AGENT : OTHER;
        } catch (RuntimeException e) {
            return OTHER; // A class whose protection domain cannot be read is not ours.
        }
    }
}
