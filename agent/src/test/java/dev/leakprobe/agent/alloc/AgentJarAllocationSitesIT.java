package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakprobe.agent.alloc.workload.SitesWorkload;
import dev.leakprobe.agent.alloc.workload.TrackedThing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged agent ({@code agent/target/leakprobe-agent.jar}, shaded) with {@code -javaagent}, on JDK 17 and 25:
 * a dump taken with {@code kill -USR2} gets both sidecars, naming the workload's allocating methods; the same when
 * the agent is attached ({@code java -jar leakprobe-agent.jar attach PID OPTIONS}, as {@code leakprobe attach} runs
 * it) to a JVM that already loaded the tracked class. Skipped until the jar has a {@code Premain-Class}.
 */
class AgentJarAllocationSitesIT {

    @TempDir
    Path dir;

    private Process process;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void aDumpGetsSidecarsNamingTheAllocatingMethods(String jdk) throws Exception {
        Path java = javaOf(jdk);
        Path agent = agentJar();
        Path classes = Path.of(System.getProperty("leakprobe.repo.root"), "agent", "target", "test-classes");
        Path log = dir.resolve("workload.log");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-Xmx64m",
                        "-javaagent:" + agent + "=dir=" + dir.resolve("dumps") + ",track="
                                + TrackedThing.class.getName(),
                        "-cp",
                        classes.toString(),
                        SitesWorkload.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("workload ready"));
            dumpAndCheckSidecars(log);
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void attachingToARunningJvmTracksClassesItAlreadyLoaded(String jdk) throws Exception {
        Path java = javaOf(jdk);
        Path agent = agentJar();
        Path classes = Path.of(System.getProperty("leakprobe.repo.root"), "agent", "target", "test-classes");
        Path log = dir.resolve("workload.log");
        Path go = dir.resolve("go");
        List<String> flags = "25".equals(jdk) ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classes.toString(), SitesWorkload.class.getName(), go.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("_JAVA_SR_SIGNUM", "40");
        process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("workload started"));
            Process attach = new ProcessBuilder(
                            java.toString(),
                            "-Xmx64m",
                            "-jar",
                            agent.toString(),
                            "attach",
                            Long.toString(process.pid()),
                            "dir=" + dir.resolve("dumps") + ",track=" + TrackedThing.class.getName())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("attach.log").toFile())
                    .start();
            assertThat(attach.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(attach.exitValue())
                    .as(Files.readString(dir.resolve("attach.log")))
                    .isZero();
            Files.createFile(go);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("workload ready"));
            dumpAndCheckSidecars(log);
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** kill -USR2, then both sidecars must appear beside the dump and name the workload's allocating methods. */
    private void dumpAndCheckSidecars(Path log) throws Exception {
        Process kill = new ProcessBuilder("kill", "-USR2", Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();

        await().atMost(Duration.ofSeconds(90))
                .until(() -> find(".direct-sites.json").isPresent()
                        && find(".alloc-sites.json").isPresent());
        assertSidecarsNameTheWorkload(log);
    }

    private void assertSidecarsNameTheWorkload(Path log) throws IOException {
        Path direct = find(".direct-sites.json").orElseThrow();
        Path alloc = find(".alloc-sites.json").orElseThrow();
        String site = SitesWorkload.class.getName() + ".holdBuffers(SitesWorkload.java:";
        assertThat(Files.readString(direct))
                .as(Files.readString(log))
                .contains("{\"frames\":[\"" + site)
                .contains("\"liveBytes\":" + SitesWorkload.BUFFERS * SitesWorkload.SIZE + ",\"liveCount\":"
                        + SitesWorkload.BUFFERS + ",");
        assertThat(Files.readString(alloc))
                .as(Files.readString(log))
                .contains("\"classes\":[\"" + TrackedThing.class.getName() + "\"]")
                .contains("\"frames\":[\"" + SitesWorkload.class.getName() + ".makeThings(SitesWorkload.java:");
        assertThat(direct.getFileName().toString().replace(".direct-sites.json", ""))
                .as("the sidecar is named after its dump")
                .satisfies(name -> assertThat(direct.resolveSibling(name)).exists());
    }

    private static Path agentJar() throws IOException {
        Path agent = Path.of(System.getProperty("leakprobe.repo.root"), "agent", "target", "leakprobe-agent.jar");
        // Skipping here once kept this test quiet while the agent core was built in parallel; now a missing or
        // broken jar is a failure.
        assertThat(agent).as("the packaged agent").isRegularFile();
        assertThat(hasPremain(agent)).as("%s has a Premain-Class", agent).isTrue();
        return agent;
    }

    private Optional<Path> find(String suffix) throws IOException {
        Path dumps = dir.resolve("dumps");
        if (!Files.isDirectory(dumps)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dumps)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .findFirst();
        }
    }

    private static Path javaOf(String jdk) {
        String home = "17".equals(jdk) ? System.getProperty("java.home") : System.getProperty("leakprobe.jdk25.home");
        assertThat(home).as("system property leakprobe.jdk%s.home", jdk).isNotBlank();
        assertThat(Path.of(home, "bin", "java")).as("JDK %s", jdk).isExecutable();
        return Path.of(home, "bin", "java");
    }

    private static boolean hasPremain(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Premain-Class") != null;
        }
    }
}
