package dev.leakprobe.demo.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One cluster of two worker JVMs, each with the real agent, on a free port, as run-cluster.sh starts it; the tests
 * share it (each worker takes seconds to start and compile its interceptors), and the one that kills a worker runs
 * last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SHORT_CIRCUIT = """
            import dev.leakprobe.demo.http.core.Request;
            import dev.leakprobe.demo.http.core.Response;
            import dev.leakprobe.demo.http.interceptor.Interceptor;
            import java.util.Optional;

            public class Gate implements Interceptor {
                public Optional<Response> intercept(Request request) {
                    return request.target().startsWith("/blocked")
                            ? Optional.of(Response.text(403, "blocked by Gate %s\\n"))
                            : Optional.empty();
                }
            }
            """;

    private static Path root;
    private static Path interceptors;
    private static Path dumps;
    private static ChildJvm cluster;
    private static int port;

    @BeforeAll
    static void startTwoWorkers() throws Exception {
        root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "servers-cluster-it-");
        interceptors = Files.createDirectories(root.resolve("interceptors"));
        dumps = root.resolve("dumps");
        Files.writeString(interceptors.resolve("Gate.java"), SHORT_CIRCUIT.formatted("v1"));
        cluster = ChildJvm.start(
                "cluster",
                "--port",
                "0",
                "--workers",
                "2",
                "--interceptors",
                interceptors.toString(),
                "--dumps",
                dumps.toString(),
                "--agent",
                ChildJvm.AGENT.toString(),
                "--worker-opts",
                "-Xmx64m -XX:TieredStopAtLevel=1");
        port = Integer.parseInt(cluster.awaitLine("^cluster listening pid=\\d+ port=(\\d+) workers=2 ")
                .group(1));
        cluster.awaitLine("^worker 1 listening pid=");
        cluster.awaitLine("^worker 2 listening pid=");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            assertThat(ProcessHandle.allProcesses()
                            .filter(p -> p.info()
                                            .arguments()
                                            .map(List::of)
                                            .orElse(List.of())
                                            .contains(dumps.toString())
                                    || p.info().commandLine().orElse("").contains(dumps.toString()))
                            .filter(ProcessHandle::isAlive))
                    .as("workers stop with their supervisor")
                    .isEmpty();
        }
        if (root != null) {
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            }
        }
    }

    @Test
    @Order(1)
    void twoWorkersAnswerOnOnePortEachWithTheRequestsHeadersAndBody() throws Exception {
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 400 && pids.size() < 2; i++) {
            RawHttp.Answer answer = RawHttp.send(port, "POST", "/orders?id=" + i, "héllo wörld " + i);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body())
                    .startsWith("POST /orders?id=" + i + " HTTP/1.1\n")
                    .contains("X-Test: yes\n", "Host: localhost:" + port + "\n")
                    .endsWith("\n\nhéllo wörld " + i);
            pids.add(answer.header("X-Worker-Pid"));
        }
        assertThat(pids).as("pids seen in X-Worker-Pid").containsExactlyInAnyOrder(workerPid(1), workerPid(2));
    }

    @Test
    @Order(2)
    void anInterceptorAnswersAtOnceInsteadOfPassingTheRequestOn() throws Exception {
        RawHttp.Answer blocked = RawHttp.send(port, "GET", "/blocked/page", "");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.body()).isEqualTo("blocked by Gate v1\n");
        assertThat(blocked.header("X-Worker-Pid")).isIn(workerPid(1), workerPid(2));

        assertThat(RawHttp.send(port, "GET", "/open", "").body()).startsWith("GET /open HTTP/1.1\n");
    }

    @Test
    @Order(3)
    void aChangedInterceptorIsReloadedInEachWorkerWithoutARestart() throws Exception {
        String pid1 = workerPid(1);
        String pid2 = workerPid(2);
        Files.writeString(interceptors.resolve("Gate.java"), SHORT_CIRCUIT.formatted("v2"));
        cluster.awaitLine("^worker 1: interceptors generation 2 loaded: \\[Gate]");
        cluster.awaitLine("^worker 2: interceptors generation 2 loaded: \\[Gate]");

        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 400 && pids.size() < 2; i++) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", "/blocked", "");
            assertThat(answer.body()).isEqualTo("blocked by Gate v2\n");
            pids.add(answer.header("X-Worker-Pid"));
        }
        assertThat(pids).containsExactlyInAnyOrder(pid1, pid2);

        // A source that does not compile keeps the generation before it, and says why.
        Files.writeString(interceptors.resolve("Gate.java"), "public class Gate implements {");
        cluster.awaitLine("^worker 1: interceptors not reloaded, generation 2 stays: Gate.java:1: ");
        cluster.awaitLine("^worker 2: interceptors not reloaded, generation 2 stays: Gate.java:1: ");
        assertThat(RawHttp.send(port, "GET", "/blocked", "").body()).isEqualTo("blocked by Gate v2\n");
        assertThat(List.of(workerPid(1), workerPid(2))).containsExactly(pid1, pid2);
    }

    @Test
    @Order(4)
    void eachWorkerDumpsIntoItsOwnFolder() throws Exception {
        for (int worker = 1; worker <= 2; worker++) {
            int n = worker;
            String pid = workerPid(n);
            assertThat(new ProcessBuilder("kill", "-USR2", pid).start().waitFor())
                    .isZero();
            Path folder = dumps.resolve("worker-" + n);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        try (Stream<Path> files = Files.list(folder)) {
                            assertThat(files.map(f -> f.getFileName().toString()))
                                    .anyMatch(name -> name.matches(
                                            "worker-" + n + "-" + pid + "-\\d{8}-\\d{6}-1\\.hprof\\.json"));
                        }
                    });
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("only worker %d's dumps in %s", n, folder)
                        .filteredOn(name -> name.endsWith(".hprof"))
                        .singleElement()
                        .asString()
                        .startsWith("worker-" + n + "-" + pid + "-");
            }
        }
        assertThat(cluster.lines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("[leakprobe] ready pid=" + workerPid(1))
                        .contains(" dir=" + dumps.resolve("worker-1") + " ", " interval=1h "));
    }

    @Test
    @Order(5)
    void aKilledWorkerIsReplaced() throws Exception {
        String killed = workerPid(1);
        assertThat(new ProcessBuilder("kill", "-KILL", killed).start().waitFor())
                .isZero();

        cluster.awaitLine("^cluster: worker 1 \\(pid " + killed + "\\) exited with code 137; starting a new one");
        String replacement =
                cluster.awaitLine("^worker 1 listening pid=(\\d+) ", 2).group(1);
        assertThat(replacement).isNotEqualTo(killed);
        assertThat(cluster.lines())
                .anySatisfy(line -> assertThat(line).startsWith("worker 1: interceptors generation 1 loaded: [Gate]"));

        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 400 && pids.size() < 2; i++) {
            pids.add(RawHttp.send(port, "GET", "/", "").header("X-Worker-Pid"));
        }
        assertThat(pids).containsExactlyInAnyOrder(replacement, workerPid(2));
    }

    /** The pid of the newest worker N, from its "listening" line. */
    private static String workerPid(int n) {
        List<String> lines = cluster.lines().stream()
                .filter(l -> l.startsWith("worker " + n + " listening pid="))
                .toList();
        assertThat(lines).as("worker %d listening", n).isNotEmpty();
        return lines.get(lines.size() - 1).replaceAll("^worker \\d+ listening pid=(\\d+) .*", "$1");
    }
}
