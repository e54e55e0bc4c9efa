package dev.leakprobe.demo.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.demo.load.LineConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real jar, as a person runs it: server and load client as child JVMs, stopped with SIGTERM. */
class LeakyChatJarIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("leaky-chat listening pid=(\\d+) port=(\\d+) mode=(\\w+)");
    private static final Path OWN_JAVA = Path.of(System.getProperty("java.home"));

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.leakprobe.demo.jar.ChildProcess#javaHomes")
    void leakServerUnderTheLoadClientKeepsEverySessionAndStopsCleanlyOnSigterm(Path javaHome) throws Exception {
        try (ChildProcess server = ChildProcess.start(javaHome, "--port", "0", "--mode", "leak")) {
            Matcher listening = LISTENING.matcher(server.awaitLine("leaky-chat listening", PATIENCE));
            assertThat(listening.matches()).isTrue();
            assertThat(Long.parseLong(listening.group(1))).isEqualTo(server.process.pid());
            assertThat(listening.group(3)).isEqualTo("leak");
            int port = Integer.parseInt(listening.group(2));

            String result = runLoad(javaHome, port, 100, 3);

            assertThat(number(result, "connections")).isEqualTo(100);
            assertThat(number(result, "messagesSent")).isEqualTo(300);
            assertThat(number(result, "roundTrips")).isEqualTo(300);
            assertThat(number(result, "errors")).isZero();
            assertThat(number(result, "deliveries")).isGreaterThanOrEqualTo(300);
            assertThat(number(result, "p99Micros")).isPositive();
            assertThat(stats(port)).contains(" rooms=1 ", " members=100 ", " closed-members=100 ");

            server.sigterm();

            assertThat(server.awaitExit(PATIENCE))
                    .as("128 + SIGTERM, after the shutdown hook ran")
                    .isEqualTo(143);
            assertThat(server.stdoutLines())
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("leaky-chat stopped pid=" + server.process.pid() + " accepted=101"));
            assertThat(server.stderrLines()).isEmpty();
        }
    }

    @Test
    void directServerParksOneDirectBufferPerConnectionAndKeepsNoMember() throws Exception {
        try (ChildProcess direct = ChildProcess.start(OWN_JAVA, "--port", "0", "--mode", "direct")) {
            int port = port(direct.awaitLine("leaky-chat listening", PATIENCE));

            runLoad(OWN_JAVA, port, 150, 1);

            // 150 load connections and the STATS one: each read buffer was parked, none in a room any more.
            assertThat(stats(port)).contains(" members=0 ", " direct=151 ", " direct-bytes=" + 151 * 8194 + " ");
            direct.sigterm();
            assertThat(direct.awaitExit(PATIENCE)).isEqualTo(143);
        }
    }

    @Test
    void badArgumentsGetOneLineAndANonZeroExit() throws Exception {
        assertOneLineError(ChildProcess.start(OWN_JAVA, "--mode", "sideways"), 2, "--mode");
        assertOneLineError(ChildProcess.start(OWN_JAVA, "--port", "70000"), 2, "--port");
        assertOneLineError(ChildProcess.start(OWN_JAVA, "load"), 2, "--port");
        assertOneLineError(
                ChildProcess.start(OWN_JAVA, "load", "--port", "7000", "--duration", "soon"), 2, "--duration");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
            assertOneLineError(
                    ChildProcess.start(OWN_JAVA, "--port", String.valueOf(closedPort)),
                    1,
                    "cannot listen on port " + closedPort);
        }
        try (ChildProcess load = ChildProcess.start(OWN_JAVA, "load", "--port", String.valueOf(closedPort))) {
            assertThat(load.awaitExit(PATIENCE)).isEqualTo(1);
            assertThat(load.stderrLines()).anySatisfy(line -> assertThat(line).contains("cannot connect"));
            assertThat(load.stderrLines()).noneSatisfy(line -> assertThat(line).contains("Exception"));
        }
    }

    private static void assertOneLineError(ChildProcess child, int exitCode, String mentions) throws Exception {
        try (child) {
            assertThat(child.awaitExit(PATIENCE)).isEqualTo(exitCode);
            assertThat(child.stderrLines()).hasSize(1);
            assertThat(child.stderrLines().get(0)).contains(mentions).doesNotContain("Exception");
        }
    }

    private static String runLoad(Path javaHome, int port, int connections, int messages) throws Exception {
        try (ChildProcess load = ChildProcess.start(
                javaHome,
                "load",
                "--port",
                String.valueOf(port),
                "--clients",
                "4",
                "--rate",
                "0",
                "--duration",
                "60s",
                "--messages",
                String.valueOf(messages),
                "--connections",
                String.valueOf(connections))) {
            String result = load.awaitLine("load-result ", Duration.ofSeconds(90));
            assertThat(load.awaitExit(PATIENCE)).isZero();
            assertThat(load.stdoutLines())
                    .anySatisfy(line -> assertThat(line).startsWith("load: " + connections + " connections, "));
            return result;
        }
    }

    private static String stats(int port) throws IOException {
        try (LineConnection connection = LineConnection.open(port, Duration.ofSeconds(20))) {
            connection.send("STATS");
            for (String line = connection.readLine(); line != null; line = connection.readLine()) {
                if (line.startsWith("STATS ")) {
                    return line + " ";
                }
            }
            throw new AssertionError("no STATS line");
        }
    }

    private static int port(String listeningLine) {
        Matcher matcher = LISTENING.matcher(listeningLine);
        assertThat(matcher.matches()).as(listeningLine).isTrue();
        return Integer.parseInt(matcher.group(2));
    }

    private static long number(String loadResult, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(loadResult);
        assertThat(matcher.find()).as("%s in %s", field, loadResult).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
