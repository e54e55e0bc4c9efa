package dev.leakprobe.demo.http;

import dev.leakprobe.demo.http.cluster.Supervisor;
import dev.leakprobe.demo.http.cluster.Worker;
import dev.leakprobe.demo.http.load.LoadClient;
import dev.leakprobe.demo.http.mock.MockServer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of demo-http.jar: {@code mock} (the mock server), {@code cluster} (the supervisor), {@code worker}
 * (what the supervisor starts), {@code load} (the load client of the demo and the benchmark).
 */
public final class Main {

    private static final String USAGE = "usage: java -jar demo-http.jar mock|cluster|load [--help | options...]";

    private Main() {}

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        if (argv.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            return switch (argv[0]) {
                case "mock" -> MockServer.run(rest, home());
                case "cluster" -> Supervisor.run(rest);
                case "worker" -> Worker.run(rest);
                case "load" -> LoadClient.run(rest);
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    yield 0;
                }
                default -> {
                    System.err.println("demo-http: unknown command '" + argv[0] + "' (" + USAGE + ")");
                    yield 2;
                }
            };
        } catch (Args.Usage e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            return 130;
        }
    }

    /** The module's folder, where data/ and the default log live: the scripts say where it is. */
    static Path home() {
        return Path.of(System.getProperty("demo.http.home", "demo-http"));
    }
}
