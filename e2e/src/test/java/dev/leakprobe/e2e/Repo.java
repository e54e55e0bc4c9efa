package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Where the repository and its packaged jars are, as the build tells the test JVM. */
final class Repo {

    private Repo() {}

    static Path root() {
        String root = System.getProperty("leakprobe.repo.root");
        assertThat(root)
                .as("system property leakprobe.repo.root (set by the parent pom)")
                .isNotBlank();
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path agentJar() {
        return existing(root().resolve("agent/target/leakprobe-agent.jar"));
    }

    static Path chatJar() {
        return existing(root().resolve("demo-leaky-chat/target/leaky-chat.jar"));
    }

    static Path analyzerJar() {
        return existing(root().resolve("analyzer/target/leakprobe-analyzer.jar"));
    }

    /** The java launcher of JDK 17 (the one running the tests) or of JDK 25. */
    static Path java(int feature) {
        if (feature == Runtime.version().feature()) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        String home = System.getProperty("leakprobe.jdk" + feature + ".home");
        assertThat(home).as("system property leakprobe.jdk%d.home", feature).isNotBlank();
        return existing(Path.of(home, "bin", "java"));
    }

    private static Path existing(Path path) {
        assertThat(path).as("built by the reactor before the end-to-end tests").exists();
        return path;
    }
}
