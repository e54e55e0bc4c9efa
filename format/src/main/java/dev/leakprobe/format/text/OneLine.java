package dev.leakprobe.format.text;

import java.util.Locale;

/**
 * Text a user or a file gave us, made safe to print inside one log line or one error line: control characters
 * (a newline, CR, ESC, DEL, the C1 range), format characters (the bidirectional overrides and isolates, zero-width
 * characters), the line and paragraph separators and lone surrogates become {@code \}{@code uXXXX}, so that a value
 * can never start a line of its own, repaint the terminal or read backwards. The rule is the analyzer's
 * {@code TerminalText}'s, for text from a dump.
 */
public final class OneLine {

    private OneLine() {}

    /** {@code text} with every unsafe character written as {@code \}{@code uXXXX}; null stays null. */
    public static String of(String text) {
        if (text == null || !hasUnsafe(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i); // a lone surrogate comes back as itself, one char long
            int chars = Character.charCount(codePoint);
            if (isUnsafe(codePoint)) {
                for (int j = i; j < i + chars; j++) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) text.charAt(j)));
                }
            } else {
                out.appendCodePoint(codePoint);
            }
            i += chars;
        }
        return out.toString();
    }

    /** Whether {@code text} holds a character that {@link #of} would escape. */
    public static boolean hasUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
