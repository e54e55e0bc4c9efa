package dev.leakprobe.format.json;

import java.util.List;

/**
 * A tiny append-only JSON writer for the agent's few flat files (sidecars, metrics rows).
 *
 * <p>Hand-written rather than a JSON library so that the agent jar carries no parser that could clash with the
 * application's; it only ever writes objects whose shape the agent itself decides.
 */
public final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    private boolean needComma;

    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray(String name) {
        name(name);
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Starts a nested object as the value of {@code name}. */
    public JsonWriter beginObject(String name) {
        name(name);
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, long value) {
        name(name);
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, boolean value) {
        name(name);
        out.append(value);
        needComma = true;
        return this;
    }

    /** A fraction or a rate; {@code null} when it is not a finite number (JSON has no NaN). */
    public JsonWriter field(String name, double value) {
        name(name);
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needComma = true;
        return this;
    }

    /** A number that may be unknown: written as {@code null} when {@code value} is negative. */
    public JsonWriter fieldOrNull(String name, long value) {
        name(name);
        out.append(value < 0 ? "null" : Long.toString(value));
        needComma = true;
        return this;
    }

    /** An array of strings as the value of {@code name}. */
    public JsonWriter field(String name, List<String> values) {
        beginArray(name);
        values.forEach(this::value);
        return endArray();
    }

    /** A number as the next element of an array. */
    public JsonWriter value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter value(String value) {
        comma();
        string(value);
        needComma = true;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    /** Escapes per RFC 8259: quote, backslash and every control character; U+2028/9 too, for JavaScript readers. */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
