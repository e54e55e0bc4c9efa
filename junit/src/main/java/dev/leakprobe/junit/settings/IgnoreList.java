package dev.leakprobe.junit.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Classes and packages to leave out of a leak test: {@code com.acme.Cache} matches that class and its nested
 * classes; {@code org.gradle} or {@code org.gradle.*} matches every class in that package and below it.
 */
public record IgnoreList(List<String> prefixes) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    static IgnoreList of(List<String> entries) {
        for (String entry : entries) {
            String name = entry.endsWith(".*") ? entry.substring(0, entry.length() - 2) : entry;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a class or package name: '" + entry + "'");
            }
        }
        return new IgnoreList(entries.stream()
                .map(e -> e.endsWith(".*") ? e.substring(0, e.length() - 2) : e)
                .toList());
    }

    /** {@code className} as a dump spells it: {@code com.acme.Cache$Entry}, {@code com.acme.Cache$Entry[]}. */
    public boolean matches(String className) {
        String name = className.endsWith("[]") ? className.substring(0, className.indexOf('[')) : className;
        for (String prefix : prefixes) {
            if (name.equals(prefix) || name.startsWith(prefix + ".") || name.startsWith(prefix + "$")) {
                return true;
            }
        }
        return false;
    }
}
