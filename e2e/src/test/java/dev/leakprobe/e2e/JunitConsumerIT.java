package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A project outside the build ({@code e2e/junit-consumer}) gets {@code @LeakTest} as a user would: from the installed
 * artifact, with plain {@code mvn test}. The artifact is installed into a private local repository under
 * {@code target/} (never into the shared one); everything else the consumer needs is read from the build's own local
 * repository, as a file repository, so the run needs no network when the build has run once.
 */
class JunitConsumerIT {

    private static final Duration MVN_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void aConsumerProjectRunsOneLeakyAndOneBoundedLeakTestWithPlainMvnTest() throws Exception {
        Path target = Repo.root().resolve("e2e/target");
        Path project = fresh(target.resolve("junit-consumer"));
        copyTree(Repo.root().resolve("e2e/junit-consumer"), project);
        Path localRepo = fresh(target.resolve("junit-consumer-repo"));
        String version = property("leakprobe.version");
        install(localRepo, "leakprobe-parent", version, "pom", Repo.root().resolve("pom.xml"));
        install(localRepo, "leakprobe-junit", version, "pom", Repo.root().resolve("junit/dependency-reduced-pom.xml"));
        install(localRepo, "leakprobe-junit", version, "jar", Repo.root().resolve("junit/target/leakprobe-junit.jar"));
        Path settings = target.resolve("junit-consumer-settings.xml");
        Files.writeString(settings, settingsReadingFrom(Path.of(property("leakprobe.build.repo"))));

        Shell.Result mvn = Shell.run(
                project,
                MVN_TIMEOUT,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "MAVEN_OPTS", ""),
                List.of(
                        Path.of(property("maven.home"), "bin", "mvn").toString(),
                        "-B",
                        "-s",
                        settings.toString(),
                        "-Dmaven.repo.local=" + localRepo,
                        "-Dleakprobe.version=" + version,
                        "test"));

        assertThat(mvn.exitCode())
                .as("mvn test fails on the leaky test: %s", mvn)
                .isNotZero();
        assertThat(mvn.output()).contains("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0");
        Element bounded = onlyTestCase(project, "com.example.cache.BoundedTest");
        assertThat(bounded.getElementsByTagName("failure").getLength())
                .as("the bounded test passes")
                .isZero();
        Element leaky = onlyTestCase(project, "com.example.cache.LeakyTest");
        Element failure = (Element) leaky.getElementsByTagName("failure").item(0);
        assertThat(failure).as("the leaky test fails: %s", mvn).isNotNull();
        assertThat(failure.getAttribute("type")).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.getAttribute("message"))
                .startsWith("byte[] objects accumulate in LeakyTest.LEAKED: +")
                .contains("LeakyTest.LEAKED → ArrayList.elementData → Object[] → byte[] ×110");
        assertThat(Files.list(project.resolve("target/leakprobe-reports")).toList())
                .hasSize(2);
        assertThat(Files.list(project.resolve("target/leakprobe-tmp")).toList())
                .as("dumps deleted")
                .isEmpty();
        // One jar and the user's own JUnit: no analyzer, MAT, Jackson or picocli on the user's class path.
        assertThat(testClassPath(project))
                .filteredOn(jar -> jar.contains("leakprobe"))
                .singleElement()
                .asString()
                .endsWith("leakprobe-junit-" + version + ".jar");
        assertThat(testClassPath(project))
                .noneMatch(jar -> jar.contains("jackson") || jar.contains("haha") || jar.contains("picocli"));
    }

    /** The layout of a local repository; a file there without {@code _remote.repositories} counts as installed. */
    private static void install(Path localRepo, String artifactId, String version, String extension, Path file)
            throws IOException {
        assertThat(file).as("built by the reactor before the end-to-end tests").exists();
        Path dir = localRepo.resolve("dev/leakprobe").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(
                file, dir.resolve(artifactId + "-" + version + "." + extension), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Third-party artifacts from the build's local repository first (read as a remote one), then Maven Central. */
    private static String settingsReadingFrom(Path buildRepo) {
        String repository = """
                    <id>leakprobe-build-repo</id>
                    <url>%s</url>
                    <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                    <snapshots><enabled>false</enabled></snapshots>
                """.formatted(buildRepo.toUri());
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>build-repo</id>
                      <repositories><repository>
                %s      </repository></repositories>
                      <pluginRepositories><pluginRepository>
                %s      </pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-repo</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }

    private static Element onlyTestCase(Path project, String className) throws Exception {
        Document report = surefireReport(project, className);
        assertThat(report.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        return (Element) report.getElementsByTagName("testcase").item(0);
    }

    private static List<String> testClassPath(Path project) throws Exception {
        Document report = surefireReport(project, "com.example.cache.BoundedTest");
        var properties = report.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals("surefire.test.class.path")) {
                return List.of(property.getAttribute("value").split(java.io.File.pathSeparator));
            }
        }
        throw new AssertionError("no surefire.test.class.path in the report of " + project);
    }

    private static Document surefireReport(Path project, String className) throws Exception {
        Path xml = project.resolve("target/surefire-reports/TEST-" + className + ".xml");
        assertThat(xml).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by e2e/pom.xml)", name).isNotBlank();
        return value;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!from.relativize(p).startsWith("target")) {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
