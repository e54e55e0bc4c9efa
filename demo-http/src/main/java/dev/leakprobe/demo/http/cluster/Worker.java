package dev.leakprobe.demo.http.cluster;

import dev.leakprobe.demo.http.Args;
import dev.leakprobe.demo.http.core.ConnectionServer;
import dev.leakprobe.demo.http.core.Request;
import dev.leakprobe.demo.http.core.Response;
import dev.leakprobe.demo.http.interceptor.InterceptorFolder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One worker JVM of the cluster, started by the {@link Supervisor}: listens on the shared port, passes each request
 * through the interceptors, then to the {@link EchoHandler}. Every answer names the worker and its pid in the
 * headers {@code X-Worker} and {@code X-Worker-Pid}.
 */
public final class Worker {

    private Worker() {}

    public static int run(String[] argv) throws Args.Usage, InterruptedException {
        Args args = Args.parse("worker", argv, Set.of("index", "port", "interceptors"));
        int index = args.integer("index", 1, 1, 10_000);
        int port = args.port("port", 8080);
        String who = "worker " + index;
        String pid = String.valueOf(ProcessHandle.current().pid());

        InterceptorFolder interceptors =
                args.has("interceptors") ? new InterceptorFolder(Path.of(args.string("interceptors", "")), who) : null;
        if (interceptors != null) {
            interceptors.start();
        }
        ServerSocket listener;
        try {
            listener = ReusePort.listener();
            listener.bind(new InetSocketAddress(port), 512);
        } catch (IOException e) {
            System.err.println(who + ": cannot listen on port " + port + ": " + e.getMessage());
            return 1;
        }
        ConnectionServer server = new ConnectionServer(
                        listener,
                        (Request request) -> {
                            Optional<Response> early =
                                    interceptors == null ? Optional.empty() : interceptors.intercept(request);
                            return early.orElseGet(() -> EchoHandler.answer(request))
                                    .withHeader("X-Worker", String.valueOf(index))
                                    .withHeader("X-Worker-Pid", pid);
                        },
                        "worker")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (interceptors != null) {
                interceptors.close();
            }
        }));
        System.out.println(who + " listening pid=" + pid + " port=" + server.port());
        Thread.currentThread().join();
        return 0;
    }
}
