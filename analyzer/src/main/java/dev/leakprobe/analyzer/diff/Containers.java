package dev.leakprobe.analyzer.diff;

/**
 * Which classes are a container's plumbing and which are what a user put in it. A rule, not a list of libraries:
 * a leak inside a cache or a map is a growing set of the cache's entries, and the answer a user needs is the class
 * under them that carries the memory.
 */
final class Containers {

    private Containers() {}

    /** Classes of the JDK: a user's field is never one of theirs. */
    static boolean isJdk(String className) {
        return className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("jdk.")
                || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }

    /**
     * Plumbing: arrays of references, the JDK's collections and their nested entry classes, reference wrappers, and
     * lambdas (which hold what they captured), classes of the libraries whose containers hold them
     * ({@code containerLibraries}). Strings, primitive arrays,
     * buffers, threads and class loaders are payloads: they are what memory is made of.
     */
    static boolean isInternal(String className, java.util.Set<String> containerLibraries) {
        if (className.endsWith("[]")) {
            return !isPrimitiveArray(className);
        }
        if (isLambda(className)) {
            // A callback or task made from a lambda is a closure: what the user cares about is what it captured.
            return true;
        }
        if (isJdk(className)) {
            return className.startsWith("java.lang.ref.")
                    || className.startsWith("java.util.")
                    || (className.contains("$") && !className.startsWith("java.lang.Thread"));
        }
        return containerLibraries.contains(library(className));
    }

    /** A class of an application or a library: neither the JDK's nor an array nor a lambda's hidden class. */
    static boolean isApplicationClass(String className) {
        return !isJdk(className) && !className.endsWith("[]") && !isLambda(className);
    }

    /** The hidden class of a lambda or method reference: {@code app.Handler$$Lambda/0x0000000801234}. */
    static boolean isLambda(String className) {
        return className.contains("$$Lambda");
    }

    /** The class whose code made a lambda: {@code app.Handler} for {@code app.Handler$$Lambda/0x...}. */
    static String lambdaHost(String className) {
        return className.substring(0, className.indexOf("$$Lambda"));
    }

    /**
     * Who made a class, by its first two package names ({@code org.h2}, {@code org.apache}, {@code io.micrometer}):
     * the parts of one product ({@code org.apache.catalina}, {@code org.apache.tomcat}) are one vendor. On a code
     * host ({@code com.github.benmanes}) the third name is the vendor's.
     */
    static String vendor(String className) {
        String[] parts = className.split("\\.");
        int keep = parts.length > 2 && (parts[1].equals("github") || parts[1].equals("gitlab")) ? 3 : 2;
        keep = Math.min(keep, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(keep, 0)));
    }

    /** Up to three leading package names: {@code com.github.benmanes} for every Caffeine class. */
    static String library(String className) {
        String[] parts = className.split("\\.");
        int keep = Math.min(3, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(keep, 0)));
    }

    private static boolean isPrimitiveArray(String className) {
        String element = className.substring(0, className.indexOf('['));
        return switch (element) {
            case "boolean", "byte", "char", "short", "int", "long", "float", "double" -> true;
            default -> false;
        };
    }
}
