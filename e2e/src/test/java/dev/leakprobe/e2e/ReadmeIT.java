package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's commands as written, so that none goes stale: the walkthrough ("Find a leak in your own
 * service"), attaching to a running JVM, and the CI leak check; and checks that its leak test example is a tested one. The demo server plays "your-service.jar"; the test
 * only adds what a person does between the commands: waiting for the agent, and putting the service under load.
 */
class ReadmeIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    /** The README's complete @LeakTest is the consumer project's, which JunitConsumerIT runs with mvn test. */
    @Test
    void theReadmeLeakTestExampleIsTheOneTheConsumerProjectRuns() throws IOException {
        Path consumerTest = Repo.root().resolve("e2e/junit-consumer/src/test/java/com/example/cache/LeakyTest.java");
        List<String> nonBlank = Files.readAllLines(consumerTest).stream()
                .filter(line -> !line.isBlank())
                .toList();

        assertThat(block("readme-leaktest")).isEqualTo(nonBlank);
    }

    @Test
    void theReadmeCommandsFindTheLeakAttachDumpAndFailTheCiCheck() throws Exception {
        linkRepoInto(work);
        int port = freePort();

        Shell.Result walkthrough = bash(walkthroughScript(port));
        assertThat(walkthrough.exitCode()).as("%s", walkthrough).isZero();
        assertThat(walkthrough.output()).contains("LEAK", "Session", "Room.members");
        assertThat(dumpsIn(work.resolve("dumps"))).hasSize(3);

        Shell.Result ci = bash(String.join("\n", block("readme-ci")));
        JsonNode report = new ObjectMapper().readTree(work.resolve("leak.json").toFile());
        long grew = report.path("suspects").path(0).path("retainedDelta").asLong();
        assertThat(ci.exitCode()).as("%s (top suspect grew %d bytes)", ci, grew).isEqualTo(grew > 10L << 20 ? 3 : 0);

        Shell.Result attach = bash(attachScript(freePort()));
        assertThat(attach.exitCode()).as("%s", attach).isZero();
        assertThat(dumpsIn(work.resolve("dumps"))).hasSize(4);
    }

    /** The walkthrough block, with the demo server as the service and load before every dump. */
    private String walkthroughScript(int port) throws IOException {
        List<String> script = new ArrayList<>(prelude(port));
        int dumps = 0;
        for (String line : block("readme-walkthrough")) {
            if (line.startsWith("kill -USR2")) {
                script.add("load 4s");
                script.add(line);
                script.add("wait_for_dumps " + ++dumps);
            } else if (line.contains("your-service.jar")) {
                script.add(line.replace(
                        "your-service.jar &", "\"$CHAT_JAR\" --port $PORT --mode leak >server.log 2>&1 &"));
            } else {
                script.add(line);
                if (line.startsWith("pid=")) {
                    script.add("wait_ready");
                }
            }
        }
        script.add("kill $pid; wait $pid || true");
        return String.join("\n", script);
    }

    /** A service started without the agent, then the attach block as written. */
    private String attachScript(int port) throws IOException {
        List<String> script = new ArrayList<>(prelude(port));
        script.add("\"$JAVA\" -jar \"$CHAT_JAR\" --port $PORT --mode leak >plain.log 2>&1 &");
        script.add("pid=$!");
        script.add("until grep -q listening plain.log; do sleep 0.2; done");
        script.addAll(block("readme-attach"));
        script.add("kill $pid; wait $pid || true");
        return String.join("\n", script);
    }

    private static List<String> prelude(int port) {
        return List.of(
                "set -euo pipefail",
                "JAVA='" + Repo.java(17) + "'",
                "CHAT_JAR='" + Repo.chatJar() + "'",
                "PORT=" + port,
                "export PATH=\"$(dirname \"$JAVA\"):$PATH\"",
                "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
                "wait_ready() { for i in $(seq 300); do grep -q '\\[leakprobe\\] ready' server.log && return; sleep 0.1; done;"
                        + " cat server.log; exit 1; }",
                "wait_for_dumps() { for i in $(seq 600); do [ $(ls dumps/*.hprof 2>/dev/null | wc -l) -ge $1 ] && return;"
                        + " sleep 0.1; done; cat server.log; exit 1; }",
                "load() { \"$JAVA\" -jar \"$CHAT_JAR\" load --port $PORT --clients 8 --duration $1 >/dev/null; }");
    }

    /** The shell lines between {@code <!-- name:start -->} and {@code <!-- name:end -->} in the README. */
    private static List<String> block(String name) throws IOException {
        List<String> lines = Files.readAllLines(Repo.root().resolve("README.md"));
        int start = lines.indexOf("<!-- " + name + ":start -->");
        int end = lines.indexOf("<!-- " + name + ":end -->");
        assertThat(start).as("README marker %s:start", name).isNotNegative();
        assertThat(end).as("README marker %s:end", name).isGreaterThan(start);
        List<String> commands = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines.subList(start + 1, end)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode && !line.isBlank()) {
                commands.add(line);
            }
        }
        assertThat(commands).as("commands in README block %s", name).isNotEmpty();
        return commands;
    }

    private Shell.Result bash(String script) throws IOException, InterruptedException {
        return Shell.run(work, TIMEOUT, Map.of("CI", "true"), List.of("bash", "-c", script));
    }

    /** The README's paths are relative to the repository: give the work folder the same ones. */
    private static void linkRepoInto(Path work) throws IOException {
        for (String name : List.of("agent", "analyzer", "bin", "demo-leaky-chat")) {
            Files.createSymbolicLink(work.resolve(name), Repo.root().resolve(name));
        }
    }

    private static List<Path> dumpsIn(Path dir) throws IOException {
        return DemoServer.hprofFilesIn(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
