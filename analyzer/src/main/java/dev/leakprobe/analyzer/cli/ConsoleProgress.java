package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.report.TerminalText;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress on stderr. On a terminal: one line that rewrites itself, as git and curl draw theirs, cleared before the
 * verdict prints. Not on a terminal (a CI log, a pipe): nothing, so that stderr holds only warnings and errors;
 * {@code --verbose} asks for a plain line per step instead. Dump names are the user's file names, made safe
 * ({@link TerminalText}) like everything else the analyzer prints: the only control characters are the line's own.
 */
final class ConsoleProgress implements Progress {

    /** Set by bin/leakprobe from {@code [ -t 2 ]}: whether stderr is a terminal. */
    static final String TERMINAL_PROPERTY = "leakprobe.stderr.terminal";

    /** A line longer than the terminal would wrap, and "\r" would rewrite only its last row. */
    private static final int WIDTH = width(System.getenv("COLUMNS"));

    private final PrintStream err;
    private final boolean terminal;
    private final Map<String, String> current = new LinkedHashMap<>();
    private final Map<String, String> lastTask = new LinkedHashMap<>();
    private int finished;
    private boolean lineOpen;

    ConsoleProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A terminal's line; with {@code verbose} a line per step wherever stderr goes; else none at all. */
    static ConsoleProgress forStderr(boolean quiet, boolean verbose) {
        if (quiet) {
            return null;
        }
        if (verbose) {
            return new ConsoleProgress(System.err, false);
        }
        return stderrIsTerminal() ? new ConsoleProgress(System.err, true) : null;
    }

    /** The progress to hand the parse: {@link Progress#NONE} for none. */
    static Progress orNone(ConsoleProgress progress) {
        return progress == null ? Progress.NONE : progress;
    }

    /**
     * bin/leakprobe knows ({@code [ -t 2 ]}); run as {@code java -jar}, Java knows only whether there is a console:
     * stdin and stdout on a terminal (JDK 17 to 21), or, from JDK 22, whether that console is a terminal.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // JDK 17 to 21: a console is a terminal
        }
    }

    @Override
    public synchronized void step(String dump, String task, int percent) {
        if (!terminal) {
            if (!task.equals(lastTask.put(dump, task))) {
                err.println(TerminalText.safe(dump + ": " + task));
            }
            return;
        }
        current.put(dump, (percent < 0 ? "" : percent + "% ") + task);
        redraw();
    }

    @Override
    public synchronized void finished(String dump, String message) {
        if (!terminal) {
            err.println(TerminalText.safe(dump + ": " + message));
            return;
        }
        current.remove(dump);
        finished++;
        redraw();
    }

    /** One less than the terminal's columns where the shell exported them, else 79 (an 80-column terminal). */
    static int width(String columns) {
        try {
            return Math.max(20, Math.min(200, Integer.parseInt(columns.trim()) - 1));
        } catch (RuntimeException e) {
            return 79;
        }
    }

    /** Takes the line away, so that what prints next starts on a clean line. */
    synchronized void clear() {
        if (lineOpen) {
            err.print("\r\u001b[K");
            err.flush();
            lineOpen = false;
        }
    }

    /** "2 dumps done; app-1.hprof: 40% reading references; app-3.hprof: indexing objects", cut to the width. */
    private void redraw() {
        StringBuilder line = new StringBuilder("leakprobe: ");
        if (finished > 0) {
            line.append(finished).append(finished == 1 ? " dump done" : " dumps done");
        }
        current.forEach((dump, task) -> {
            if (line.length() > "leakprobe: ".length()) {
                line.append("; ");
            }
            line.append(dump).append(": ").append(task);
        });
        String text = TerminalText.safe(line.toString());
        err.print("\r" + (text.length() > WIDTH ? text.substring(0, WIDTH - 1) + "…" : text) + "\u001b[K");
        err.flush();
        lineOpen = true;
    }
}
