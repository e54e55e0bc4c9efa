package dev.leakprobe.junit.dump;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a leak test writes: into the build's own folders, so that dumps of tens of MB never land in a small
 * {@code /tmp} (often memory), a clean build removes what a crashed run left, and kept dumps and reports are found
 * beside the other test output.
 * <ul>
 *   <li>Maven (Surefire runs tests in the module folder, which holds {@code pom.xml}): {@code target/leakprobe-tmp}
 *       and {@code target/leakprobe-reports};
 *   <li>Gradle (the project folder holds {@code build.gradle[.kts]}): {@code build/tmp/leakprobe} and
 *       {@code build/reports/leakprobe};
 *   <li>anything else: {@code leakprobe-tmp} and {@code leakprobe-reports} in {@code java.io.tmpdir}.
 * </ul>
 * The system property {@code leakprobe.junit.dir} puts both in a folder of your choice.
 */
public record BuildFolders(Path temp, Path reports) {

    public static final String DIR_PROPERTY = "leakprobe.junit.dir";

    public static BuildFolders detect() {
        String chosen = System.getProperty(DIR_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            Path dir = Path.of(chosen).toAbsolutePath();
            return new BuildFolders(dir.resolve("tmp"), dir.resolve("reports"));
        }
        // Surefire sets basedir to the module folder; both it and Gradle start the test JVM there.
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        if (Files.isRegularFile(project.resolve("pom.xml"))) {
            Path target = project.resolve("target");
            return new BuildFolders(target.resolve("leakprobe-tmp"), target.resolve("leakprobe-reports"));
        }
        if (Files.isRegularFile(project.resolve("build.gradle"))
                || Files.isRegularFile(project.resolve("build.gradle.kts"))) {
            Path build = project.resolve("build");
            return new BuildFolders(
                    build.resolve("tmp").resolve("leakprobe"),
                    build.resolve("reports").resolve("leakprobe"));
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        return new BuildFolders(tmp.resolve("leakprobe-tmp"), tmp.resolve("leakprobe-reports"));
    }
}
