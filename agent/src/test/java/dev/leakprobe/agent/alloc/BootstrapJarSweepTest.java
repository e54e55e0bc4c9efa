package dev.leakprobe.agent.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: the bootstrap jars of JVMs that did not exit normally are swept at the next start. */
class BootstrapJarSweepTest {

    /** Above any Linux pid_max (at most 2^22): no process has it. */
    private static final long DEAD = 999_999_999;

    @TempDir
    Path tmp;

    @Test
    void jarsOfGonePidsGoLiveOnesLinksAndOtherNamesStay() throws Exception {
        long me = ProcessHandle.current().pid();
        Files.writeString(tmp.resolve("leakprobe-bootstrap-" + DEAD + "-8135453217865512211.jar"), "jar");
        Files.writeString(tmp.resolve("leakprobe-bootstrap-" + DEAD + "-1.jar"), "jar");
        Files.writeString(tmp.resolve("leakprobe-bootstrap-" + me + "-42.jar"), "mine, in use");
        Files.writeString(tmp.resolve("leakprobe-bootstrap-" + DEAD + "-42.jar.bak"), "someone's");
        Files.writeString(tmp.resolve("leakprobe-bootstrap-x-42.jar"), "someone's");
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.createSymbolicLink(tmp.resolve("leakprobe-bootstrap-" + DEAD + "-7.jar"), victim);

        BootstrapInjector.sweepStaleJars(tmp);

        assertThat(names())
                .containsExactlyInAnyOrder(
                        "leakprobe-bootstrap-" + me + "-42.jar",
                        "leakprobe-bootstrap-" + DEAD + "-42.jar.bak",
                        "leakprobe-bootstrap-x-42.jar",
                        "victim",
                        "leakprobe-bootstrap-" + DEAD + "-7.jar");
        assertThat(victim).hasContent("precious");
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
