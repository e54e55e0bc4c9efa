package dev.leakprobe.agent.cli;

import dev.leakprobe.format.text.OneLine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar leakprobe-agent.jar attach|dump ...}, run by {@code bin/leakprobe}. Bad input is one line and
 * exit code 2; a failure is one line and exit code 1. One line even when what the user typed holds a newline: every
 * message goes through {@link OneLine}.
 */
@Command(
        name = "leakprobe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Loads the leakprobe agent into a running JVM, takes a heap dump of one, or waits for its growth"
                + " series (watch mode).",
        subcommands = {AttachCommand.class, DumpCommand.class, WatchCommand.class})
public final class Main implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("leakprobe: " + OneLine.of(e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("leakprobe: " + OneLine.of(e.getMessage()));
            return BAD_INPUT;
        });
        cli.setErr(new PrintWriter(System.err, true));
        cli.setOut(new PrintWriter(System.out, true));
        return cli.execute(args);
    }

    /** No command: usage on stderr, and a bad-input exit. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return BAD_INPUT;
    }

    /** {@code attach} and {@code dump}: a failure already said in one line, with its exit code. */
    abstract static class Subcommand implements Callable<Integer> {

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (CliException e) {
                System.err.println("leakprobe: " + OneLine.of(e.getMessage()));
                return e.exitCode;
            }
        }

        abstract int run() throws CliException;
    }

    /** A process id: a whole number, said in one line when it is not. */
    static final class PidConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long pid = Long.parseLong(value);
                if (pid > 0) {
                    return pid;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new CommandLine.TypeConversionException("'" + OneLine.of(value) + "' is not a process id");
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"leakprobe " + (version == null ? "dev" : version.replace("-SNAPSHOT", ""))};
        }
    }

    /** A failure to report as one line. */
    static final class CliException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        CliException(String message) {
            this(message, FAILED);
        }

        CliException(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
