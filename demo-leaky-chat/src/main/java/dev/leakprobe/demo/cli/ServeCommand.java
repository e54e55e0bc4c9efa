package dev.leakprobe.demo.cli;

import dev.leakprobe.demo.server.ChatServer;
import dev.leakprobe.demo.server.Mode;
import dev.leakprobe.demo.server.ServerStats;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaky-chat [--port P] [--mode leak|fixed|direct|native]}: runs the server until SIGTERM. */
@Command(
        name = "leaky-chat",
        mixinStandardHelpOptions = true,
        version = "leaky-chat 0.1.0",
        subcommands = LoadCommand.class,
        description = {
            "An event-loop chat server that leaks every session: the leak leakprobe finds.",
            "Line protocol: JOIN <room>, MSG <text>, LEAVE, QUIT, STATS."
        })
public final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "7000",
            paramLabel = "PORT",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--mode",
            defaultValue = "leak",
            paramLabel = "MODE",
            description = "leak (closed sessions stay in their room), fixed (they leave),"
                    + " direct (fixed, but read buffers are direct and never freed), native (fixed, but each connection's zlib"
                    + " stream is never ended). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            System.err.println("leaky-chat: --port must be 0-65535, got " + port);
            return 2;
        }
        ChatServer server;
        try {
            server = ChatServer.start(mode, port);
        } catch (IOException e) {
            System.err.println("leaky-chat: cannot listen on port " + port + ": " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "chat-shutdown"));
        System.out.println("leaky-chat listening pid=" + ProcessHandle.current().pid() + " port=" + server.port()
                + " mode=" + mode.label());
        System.out.flush();
        server.awaitStopped();
        return server.failure() == null ? 0 : 1;
    }

    /** Runs in the shutdown hook (SIGTERM, Ctrl-C): wakes the selector, closes every connection, says so. */
    private static void stop(ChatServer server) {
        server.close();
        ServerStats stats = server.stats();
        System.out.println("leaky-chat stopped pid=" + ProcessHandle.current().pid() + " accepted=" + stats.accepted()
                + " members=" + stats.members());
        System.out.flush();
    }
}
