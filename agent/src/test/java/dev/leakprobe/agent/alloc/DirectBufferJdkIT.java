package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct-buffer advice on each JDK the agent supports: {@code DirectByteBuffer$Deallocator} is a class on
 * JDK 17 and a record on JDK 25. Forks {@link DirectSitesMain} with this module's classes (not the shaded jar: the
 * end-to-end check through {@code -javaagent} belongs with the agent core) and Byte Buddy's self-attach.
 */
class DirectBufferJdkIT {

    @Test
    void recordsAndSubtractsOnJdk17(@TempDir Path dir) throws Exception {
        runOn(Path.of(System.getProperty("java.home")), List.of(), dir);
    }

    @Test
    void recordsAndSubtractsOnJdk25(@TempDir Path dir) throws Exception {
        String home = System.getProperty("leakprobe.jdk25.home");
        assertThat(home).as("system property leakprobe.jdk25.home").isNotBlank();
        assertThat(Path.of(home, "bin", "java")).as("JDK 25").isExecutable();
        runOn(Path.of(home), List.of("-XX:+EnableDynamicAgentLoading"), dir);
    }

    private static void runOn(Path javaHome, List<String> extraFlags, Path dir) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(javaHome.resolve("bin/java").toString(), "-Xmx64m", "-Djdk.attach.allowAttachSelf=true"));
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", classPath(), DirectSitesMain.class.getName(), dir.toString()));
        Path log = dir.resolve("main.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("finished in time")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();

        String site = "\"" + DirectSitesMain.class.getName() + ".allocateOnThisJdk(DirectSitesMain.java:";
        String held = Files.readString(dir.resolve("held.hprof.direct-sites.json"));
        assertThat(held)
                .contains("{\"frames\":[" + site)
                .contains("\"liveBytes\":" + DirectSitesMain.BUFFERS * DirectSitesMain.SIZE + ",\"liveCount\":"
                        + DirectSitesMain.BUFFERS + ",");
        String freed = Files.readString(dir.resolve("freed.hprof.direct-sites.json"));
        assertThat(freed).contains("{\"frames\":[" + site);
        assertThat(output).contains("held 8", "freed");
    }

    /** This module's classes and test classes first, then the test class path without the (maybe shaded) jar. */
    private static String classPath() {
        Path module = Path.of(System.getProperty("leakprobe.repo.root"), "agent", "target");
        Stream<String> dependencies = Stream.of(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")
                        && !Path.of(entry).getFileName().toString().startsWith("leakprobe-agent"));
        return Stream.concat(
                        Stream.of(
                                module.resolve("classes").toString(),
                                module.resolve("test-classes").toString()),
                        dependencies)
                .collect(Collectors.joining(File.pathSeparator));
    }
}
