package dev.leakprobe.format.text;

/**
 * Text a user or a file gave us, made safe to print inside one log line or one error line: control characters
 * (a newline, CR, ESC, DEL, the C1 range), the Unicode line and paragraph separators and the bidirectional
 * overrides become {@code \}{@code uXXXX}, so that a value can never start a line of its own or repaint the terminal.
 */
public final class OneLine {

    private OneLine() {}

    /** {@code text} with every character {@link #isUnsafe unsafe} on a terminal written as {@code \}{@code uXXXX}. */
    public static String of(String text) {
        if (text == null || !hasUnsafe(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code text} holds a character that {@link #of} would escape. */
    public static boolean hasUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnsafe(char c) {
        return Character.isISOControl(c) // C0 (newline, CR, ESC...), DEL and C1
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || (c >= '\u202a' && c <= '\u202e') // bidirectional embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // bidirectional isolates
                || c == '\u200e' || c == '\u200f' || c == '\u061c'; // bidirectional marks
    }
}
