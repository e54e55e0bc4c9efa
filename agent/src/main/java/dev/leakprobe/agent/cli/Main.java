package dev.leakprobe.agent.cli;

/**
 * {@code java -jar leakprobe-agent.jar attach|dump ...}, run by {@code bin/leakprobe}. Bad input is one line and
 * exit code 2; a failure is one line and exit code 1.
 */
public final class Main {

    static final String USAGE = "usage: leakprobe attach PID [key=value,...]   load the agent into a running JVM\n"
            + "       leakprobe dump PID [--dir=PATH]          take a heap dump of a running JVM";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2) {
            System.err.println(USAGE);
            return 2;
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("leakprobe: '" + args[1] + "' is not a process id\n" + USAGE);
            return 2;
        }
        try {
            switch (args[0]) {
                case "attach":
                    return new AttachCommand(pid, String.join(",", java.util.Arrays.asList(args).subList(2, args.length)))
                            .run();
                case "dump":
                    return DumpCommand.parse(pid, args).run();
                default:
                    System.err.println("leakprobe: unknown command '" + args[0] + "'\n" + USAGE);
                    return 2;
            }
        } catch (CliException e) {
            System.err.println("leakprobe: " + e.getMessage());
            return e.exitCode;
        }
    }

    /** A failure to report as one line. */
    static final class CliException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        CliException(String message) {
            this(message, 1);
        }

        CliException(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
