package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.report.TerminalText;
import dev.leakprobe.analyzer.report.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code leakprobe analyze|diff}: exit 0 when done, 2 on bad input, 3 when a suspect grew over --fail-on-growth, 4 when
 * a report cannot be written. */
@Command(
        name = "leakprobe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Finds memory leaks in JVM heap dumps.",
        subcommands = {
            AnalyzeCommand.class,
            DiffCommand.class,
            SummarizeCommand.class,
            AgentCommands.Attach.class,
            AgentCommands.Dump.class,
            AgentCommands.Watch.class
        })
public final class Main implements java.util.concurrent.Callable<Integer> {

    public static final int OK = 0;
    public static final int BAD_INPUT = 2;
    public static final int GREW = 3;
    /** A report (or summary) could not be written: a full disk, a folder in the way; the line names the file. */
    public static final int CANNOT_WRITE = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line in this JVM and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // The commands turn bad input into their own lines: what is left here is a fault of ours, and an exception's
        // own text (a NullPointerException's sentence about our variables) would tell the user nothing.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr()
                    .println(errorLine("an unexpected " + e.getClass().getSimpleName()
                            + ", a bug of leakprobe: please report it with the command you ran"));
            return 1;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println(errorLine(e.getMessage()));
            return BAD_INPUT;
        });
        cli.setErr(new PrintWriter(System.err, true));
        cli.setOut(new PrintWriter(System.out, true));
        return cli.execute(args);
    }

    /**
     * The one line a failure or a warning prints on stderr. The names and paths it quotes (a class, a dump, an
     * argument) are made safe for the terminal.
     */
    static String errorLine(String message) {
        return "leakprobe: " + TerminalText.safe(message);
    }

    /** No command: usage on stderr, and a bad-input exit. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return BAD_INPUT;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"leakprobe " + Version.get()};
        }
    }
}
