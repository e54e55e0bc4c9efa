package dev.leakprobe.junit.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.junit.fixture.LeakyTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM without {@code jdk.management} cannot dump its heap: the leak test says so in one sentence. */
class NoJdkManagementIT {

    @Test
    void aJvmWithoutJdkManagementGetsAClearConfigurationError() throws Exception {
        List<String> lines = runFixture(LeakyTest.class, "--limit-modules", "java.se");

        assertThat(lines)
                .containsExactly("FAILED org.junit.jupiter.api.extension.ExtensionConfigurationException: "
                        + "@LeakTest needs the module jdk.management to dump the heap, and it is not resolved in this JVM ("
                        + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                        + "): add --add-modules jdk.management to the test JVM's options");
    }

    private static List<String> runFixture(Class<?> fixture, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), FixtureMain.class.getName(), fixture.getName()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("the child JVM ends")
                .isTrue();
        assertThat(process.exitValue()).as("exit code, output: %s", out).isZero();
        return out.lines().toList();
    }
}
