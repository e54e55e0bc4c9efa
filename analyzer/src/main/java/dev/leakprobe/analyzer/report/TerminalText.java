package dev.leakprobe.analyzer.report;

import dev.leakprobe.format.text.OneLine;

/**
 * Text made safe for a terminal. Class, field and thread names, string labels, frames and file names come from the
 * dump or from the user's disk: an ESC sequence among them can clear the screen, retitle the window or hide a line, a
 * carriage return overwrites what came before, and a bidi control (U+202E) shows a name backwards. Such characters
 * are shown as Java escapes (<code>&#92;u001b</code>); everything else, non-ASCII names included, is left as it is. The JSON
 * and the HTML page escape in their own way and do not come here.
 */
public final class TerminalText {

    private TerminalText() {}

    /**
     * One line of terminal text, with every control, format (bidi) and separator character escaped: the format
     * module's rule, so that a name reads the same in the agent's log and on the analyzer's terminal.
     */
    public static String safe(String text) {
        return text == null ? "null" : OneLine.of(text);
    }
}
