package dev.leakprobe.demo;

import dev.leakprobe.demo.cli.ServeCommand;
import picocli.CommandLine;

/** Entry point of leaky-chat.jar: the server, or {@code load} for the load client. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new ServeCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, ignored) -> {
                    System.err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage()
                            + " (see --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, cmd, ignored) -> {
                    System.err.println(cmd.getCommandSpec().qualifiedName() + ": " + e);
                    return 1;
                });
        return commandLine.execute(args);
    }
}
