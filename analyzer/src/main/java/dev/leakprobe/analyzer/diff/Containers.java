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
     * classes of the libraries whose containers hold them ({@code containerLibraries}). Strings, primitive arrays,
     * buffers, threads and class loaders are payloads: they are what memory is made of.
     */
    static boolean isInternal(String className, java.util.Set<String> containerLibraries) {
        if (className.endsWith("[]")) {
            return !isPrimitiveArray(className);
        }
        if (isJdk(className)) {
            return className.startsWith("java.lang.ref.")
                    || className.startsWith("java.util.")
                    || (className.contains("$") && !className.startsWith("java.lang.Thread"));
        }
        return containerLibraries.contains(library(className));
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
