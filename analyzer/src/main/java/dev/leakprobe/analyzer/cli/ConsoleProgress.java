package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.report.TerminalText;
import java.io.PrintStream;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a plain line per phase otherwise, so that logs of CI
 * jobs stay readable. Dump names are the user's file names, made safe ({@link TerminalText}) like everything else
 * the analyzer prints: the only control characters on these lines are the bar's own.
 */
final class ConsoleProgress implements Progress {

    private final PrintStream err;
    private final boolean terminal;
    private boolean barOpen;
    private final java.util.Map<String, String> lastTask = new java.util.HashMap<>();

    ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static Progress forStderr(boolean quiet) {
        return quiet ? Progress.NONE : new ConsoleProgress(System.err, System.console() != null);
    }

    @Override
    public synchronized void step(String dump, String task, int percent) {
        if (terminal) {
            String bar = percent < 0
                    ? ""
                    : "[" + "#".repeat(percent / 5) + " ".repeat(20 - percent / 5) + "] " + percent + "% ";
            String line = TerminalText.safe(String.format("%s%s: %s", bar, dump, task));
            err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "\u001b[K");
            err.flush();
            barOpen = true;
        } else if (!task.equals(lastTask.put(dump, task))) {
            err.println(TerminalText.safe(dump + ": " + task));
        }
    }

    @Override
    public synchronized void finished(String dump, String message) {
        if (barOpen) {
            err.print("\r\u001b[K");
            barOpen = false;
        }
        err.println(TerminalText.safe(dump + ": " + message));
    }
}
