package dev.leakprobe.analyzer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code attach}, {@code dump} and {@code watch} run from the agent's jar and bin/leakprobe ({@code bin/leakprobe}
 * sends them there); they are listed here so that {@code leakprobe --help} names every command.
 */
final class AgentCommands {

    private AgentCommands() {}

    @Command(name = "attach", description = "Load the agent into a running JVM: bin/leakprobe attach PID [OPTION...]")
    static final class Attach implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        String[] ignored;

        @Override
        public Integer call() {
            return redirect("attach");
        }
    }

    @Command(name = "dump", description = "Take a heap dump of a running JVM: bin/leakprobe dump PID [--dir=PATH]")
    static final class Dump implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        String[] ignored;

        @Override
        public Integer call() {
            return redirect("dump");
        }
    }

    @Command(
            name = "watch",
            description = "Wait until a JVM's live set grows steadily, take three dumps, diff them: bin/leakprobe watch"
                    + " PID [--window 30m] [--dir DIR] [--open] (--open opens the report page)")
    static final class Watch implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        String[] ignored;

        @Override
        public Integer call() {
            return redirect("watch");
        }
    }

    private static int redirect(String command) {
        System.err.println("leakprobe: '" + command + "' runs from leakprobe-agent.jar: use bin/leakprobe " + command
                + " (or java -jar agent/target/leakprobe-agent.jar " + command + ")");
        return Main.BAD_INPUT;
    }
}
