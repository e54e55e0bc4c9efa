package dev.leakprobe.demo.cli;

import dev.leakprobe.demo.load.LoadClient;
import dev.leakprobe.demo.load.LoadOptions;
import dev.leakprobe.demo.load.LoadResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaky-chat load --port P ...}: connect, join, talk, quit, over and over, on loopback. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Drives a leaky-chat server on 127.0.0.1 like the socket.io demo's makeNewConn() loop.",
            "Each client connects, joins a room, sends messages (each waits for its own broadcast: the round"
                    + " trip), quits, and starts over, until --duration or --connections is reached."
                    + " Prints a summary and one 'load-result {json}' line."
        })
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Server port on 127.0.0.1.")
    int port;

    @Option(
            names = "--clients",
            defaultValue = "10",
            paramLabel = "C",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--rate",
            defaultValue = "500",
            paramLabel = "R",
            description = "Messages per second over all clients; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--duration",
            defaultValue = "10s",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "How long to run: 500ms, 30s, 2m, PT1M (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--room",
            defaultValue = "room1",
            paramLabel = "NAME",
            description = "Room every client joins (default: ${DEFAULT-VALUE}).")
    String room;

    @Option(
            names = "--messages",
            defaultValue = "5",
            paramLabel = "M",
            description = "Messages per connection before it quits (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(
            names = "--connections",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Stop after this many connections even if time is left (default: ${DEFAULT-VALUE}).")
    long connections;

    @Option(
            names = "--timeout",
            defaultValue = "5s",
            paramLabel = "T",
            converter = DurationConverter.class,
            description = "How long to wait for a reply before counting an error (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        LoadOptions options;
        try {
            options = new LoadOptions(port, clients, rate, duration, room, messages, connections, timeout);
        } catch (IllegalArgumentException e) {
            System.err.println("leaky-chat load: " + e.getMessage());
            return 2;
        }
        LoadResult result = LoadClient.run(options);
        System.out.println(result.summary());
        System.out.println(result.machineLine());
        for (String error : result.firstErrors()) {
            System.err.println("leaky-chat load: error: " + error);
        }
        if (result.connections() == 0) {
            System.err.println("leaky-chat load: no connection to 127.0.0.1:" + port + " got as far as joining");
            return 1;
        }
        return 0;
    }
}
