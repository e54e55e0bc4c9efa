package dev.leakprobe.analyzer.report;

/**
 * Text made safe for a terminal. Class, field and thread names, string labels, frames and file names come from the
 * dump or from the user's disk: an ESC sequence among them can clear the screen, retitle the window or hide a line, a
 * carriage return overwrites what came before, and a bidi control (U+202E) shows a name backwards. Such characters
 * are shown as Java escapes (<code>&#92;u001b</code>); everything else, non-ASCII names included, is left as it is. The JSON
 * and the HTML page escape in their own way and do not come here.
 */
public final class TerminalText {

    private TerminalText() {}

    /** One line of terminal text, with every control, format (bidi) and separator character escaped. */
    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            // A lone surrogate comes back as itself, one char long.
            int codePoint = text.codePointAt(i);
            int chars = Character.charCount(codePoint);
            if (unsafe(codePoint)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                for (int j = i; j < i + chars; j++) {
                    out.append(String.format("\\u%04x", (int) text.charAt(j)));
                }
            } else if (out != null) {
                out.appendCodePoint(codePoint);
            }
            i += chars;
        }
        return out == null ? text : out.toString();
    }

    /**
     * C0 and C1 controls and DEL, format characters (bidi embeddings, overrides and isolates, zero-width characters,
     * tag characters), line and paragraph separators, and surrogates that are not part of a pair.
     */
    static boolean unsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
