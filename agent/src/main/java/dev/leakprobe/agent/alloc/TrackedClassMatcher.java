package dev.leakprobe.agent.alloc;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Which classes {@code track=} names: exact class names, or package prefixes written {@code com.example.*} (which
 * include sub-packages). Never the JDK's classes, Byte Buddy's or the agent's own: constructor advice there would
 * record the agent recording. The agent's own classes are told by their code source (the agent jar), not by name,
 * so that classes of the application (or of tests) may share the {@code dev.leakprobe} prefix.
 */
final class TrackedClassMatcher {

    private static final List<String> NEVER = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "net.bytebuddy.",
            "dev.leakprobe.agent.bootstrap.",
            "dev.leakprobe.agent.shaded.");

    /** Where the agent's own classes come from (its jar, or {@code target/classes} in tests). */
    private static final URL AGENT_CODE = codeOf(TrackedClassMatcher.class.getProtectionDomain());

    private final List<String> names;
    private final List<String> prefixes;

    TrackedClassMatcher(List<String> patterns) {
        this.names = patterns.stream().filter(p -> !p.endsWith(".*")).toList();
        this.prefixes = patterns.stream()
                .filter(p -> p.endsWith(".*"))
                .map(p -> p.substring(0, p.length() - 1))
                .toList();
    }

    boolean isEmpty() {
        return names.isEmpty() && prefixes.isEmpty();
    }

    boolean matches(String className) {
        if (className == null || startsWithAny(className, NEVER)) {
            return false;
        }
        return names.contains(className) || startsWithAny(className, prefixes);
    }

    /** Whether a class defined from {@code domain} is part of the agent itself. */
    static boolean isAgentCode(ProtectionDomain domain) {
        URL code = codeOf(domain);
        return code != null && code.equals(AGENT_CODE);
    }

    private static URL codeOf(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
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
