package dev.leakprobe.analyzer.report.html;

import java.util.Map;

/** Escaping and template filling for the HTML report. */
final class Html {

    private Html() {}

    /** Escapes text for an HTML element body or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Makes serialized JSON safe inside a {@code <script>} element. These characters can only occur inside JSON
     * strings, where {@code \}{@code uXXXX} means the same character, so the JSON still parses to the same value;
     * without {@code <} no string can close the element or open a comment, and U+2028/U+2029 are escaped for older
     * JavaScript parsers that treat them as line ends.
     */
    static String escapeJsonForScript(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Replaces each {@code {{name}}} of the template by its value, in one pass: a value is never searched for
     * placeholders itself, so a class name like {@code {{js}}} stays text.
     */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() * 2);
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            String name = template.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("template placeholder without a value: " + name);
            }
            out.append(template, from, open).append(value);
            from = close + 2;
        }
        return out.append(template, from, template.length()).toString();
    }
}
