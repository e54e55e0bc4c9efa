package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the application's stderr shows under the agent's defaults: our own lines, nothing else. */
class QuietStderrIT {

    @TempDir
    Path tmp;

    static Stream<Arguments> jdks() {
        return Stream.of(Arguments.of("17", ChildJvm.jdk17()), Arguments.of("25", ChildJvm.jdk25()));
    }

    /**
     * Issue 14: the default {@code track-direct} made HotSpot print "Sharing is only supported for boot loader
     * classes because bootstrap classpath has been appended" (CDS is on by default). The workload allocates a direct
     * buffer once the agent is ready, so the advice on the JDK's buffer classes has run too.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theDefaultsPrintOnlyOurOwnLinesOnStderr(String version, Path javaHome) throws Exception {
        try (ChildJvm jvm = ChildJvm.builder()
                .javaHome(javaHome)
                .agentOptions("dir=" + tmp.resolve("d"))
                .workload("direct")
                .start()) {
            assertThat(jvm.waitForExit(ChildJvm.STARTUP)).as(jvm.output()).isZero();
            // "done" comes after the agent set its ready property (its ready line may not make it before the exit).
            assertThat(jvm.stdout()).contains("workload done");
            assertThat(jvm.stderr())
                    .as(jvm.output())
                    .isNotEmpty()
                    .allMatch(l -> l.startsWith("[leakprobe] "))
                    .noneMatch(l -> l.contains("allocation tracking"));
        }
    }
}
