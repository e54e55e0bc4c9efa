package dev.leakprobe.demo.http.cluster;

import dev.leakprobe.demo.http.Args;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The cluster: one worker JVM per core (or {@code --workers N}), all listening on one port, each with the leakprobe
 * agent dumping into its own folder {@code <dumps>/worker-N/}; a worker that dies is replaced. The supervisor serves
 * no requests itself.
 */
public final class Supervisor {

    static final String HELP = """
            usage: run-cluster.sh [--port 8080] [--workers N] [--interceptors DIR] [--dumps dumps]
                                  [--agent JAR] [--agent-options interval=1h] [--worker-opts "-Xmx256m"]
              --port           the port every worker listens on (0: a free one, printed at start)
              --workers        how many worker JVMs (default: one per core)
              --interceptors   a folder of Java sources implementing Interceptor, compiled and hot-reloaded
              --dumps          where worker N's heap dumps go: <dumps>/worker-N/
              --agent          the leakprobe agent jar each worker starts with (none: workers run without it)
              --agent-options  agent options beside dir= and name= (default interval=1h: a dump every hour)
              --worker-opts    JVM options of each worker, separated by spaces""";

    private Supervisor() {}

    public static int run(String[] argv) throws Args.Usage, InterruptedException {
        Args args = Args.parse(
                "cluster",
                argv,
                Set.of("port", "workers", "interceptors", "dumps", "agent", "agent-options", "worker-opts"));
        if (args.has("help")) {
            System.out.println(HELP);
            return 0;
        }
        int workers = args.integer("workers", Runtime.getRuntime().availableProcessors(), 1, 256);
        int port = args.port("port", 8080);
        Path dumps = args.path("dumps", Path.of("dumps")).toAbsolutePath();
        Path interceptors =
                args.has("interceptors") ? args.path("interceptors", null).toAbsolutePath() : null;
        Path agent = args.has("agent") ? args.path("agent", null).toAbsolutePath() : null;
        String agentOptions = args.string("agent-options", "interval=1h");
        List<String> workerOpts = split(args.string("worker-opts", "-Xmx256m"));

        if (interceptors != null && !Files.isDirectory(interceptors)) {
            throw new Args.Usage("cluster: --interceptors " + interceptors + " is not a folder");
        }
        if (agent != null && !Files.isRegularFile(agent)) {
            throw new Args.Usage(
                    "cluster: --agent " + agent + " is not a file (build it: mvn -q -B -DskipTests package)");
        }
        if (agent != null && (dumps.toString().contains(",") || agentOptions.contains("dir="))) {
            throw new Args.Usage("cluster: --dumps may not contain a comma, and --agent-options may not set dir=");
        }
        if (workers > 1 && !ReusePort.supported()) {
            System.out.println(
                    "cluster: this system offers no SO_REUSEPORT to Java (Windows): one worker, not " + workers);
            workers = 1;
        }
        if (port == 0) {
            port = freePort();
        }

        List<WorkerSlot> slots = new ArrayList<>();
        for (int index = 1; index <= workers; index++) {
            slots.add(new WorkerSlot(
                    index, workerCommand(index, port, interceptors, agent, agentOptions, dumps, workerOpts)));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Stop them all at once: each gets SIGTERM now, and up to 10 s to run its shutdown hooks.
            slots.parallelStream().forEach(slot -> slot.stop(Duration.ofSeconds(10)));
        }));
        System.out.println("cluster listening pid=" + ProcessHandle.current().pid() + " port=" + port + " workers="
                + workers + " reuseport=" + ReusePort.supported()
                + (agent == null ? " agent=none" : " dumps=" + dumps));
        slots.forEach(WorkerSlot::start);
        Thread.currentThread().join();
        return 0;
    }

    static List<String> workerCommand(
            int index,
            int port,
            Path interceptors,
            Path agent,
            String agentOptions,
            Path dumps,
            List<String> workerOpts) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(workerOpts);
        if (agent != null) {
            String options = "dir=" + dumps.resolve("worker-" + index) + ",name=worker-" + index
                    + (agentOptions.isBlank() ? "" : "," + agentOptions);
            command.add("-javaagent:" + agent + "=" + options);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.leakprobe.demo.http.Main",
                "worker",
                "--index",
                String.valueOf(index),
                "--port",
                String.valueOf(port)));
        if (interceptors != null) {
            command.addAll(List.of("--interceptors", interceptors.toString()));
        }
        return command;
    }

    /** A port nobody listens on now, for --port 0: the workers bind it a moment later. */
    private static int freePort() throws Args.Usage {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new Args.Usage("cluster: cannot find a free port: " + e.getMessage());
        }
    }

    private static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
