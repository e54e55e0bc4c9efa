package dev.leakprobe.format.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON object with typed getters. A missing field or a JSON {@code null} gives the default; a field of the
 * wrong type is an error, so that a reader never mistakes one file for another.
 */
public final class JsonObject {

    private final Map<String, Object> fields;

    JsonObject(Map<String, Object> fields) {
        this.fields = fields;
    }

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    /** The names of the fields, in the order of the file (a map's keys, for objects such as {@code nmt}). */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    public long getLong(String name, long byDefault) throws JsonException {
        Object value = fields.get(name);
        if (value == null) {
            return byDefault;
        }
        if (value instanceof Long n) {
            return n;
        }
        throw wrong(name, "a whole number");
    }

    public double getDouble(String name, double byDefault) throws JsonException {
        Object value = fields.get(name);
        if (value == null) {
            return byDefault;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(name, "a number");
    }

    public boolean getBoolean(String name, boolean byDefault) throws JsonException {
        Object value = fields.get(name);
        if (value == null) {
            return byDefault;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "true or false");
    }

    /** {@code null} when missing. */
    public String getString(String name) throws JsonException {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrong(name, "a string");
    }

    /** {@code null} when missing. */
    public JsonObject getObject(String name) throws JsonException {
        Object value = fields.get(name);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw wrong(name, "an object");
    }

    /** Empty when missing. */
    public List<JsonObject> getObjects(String name) throws JsonException {
        List<JsonObject> out = new ArrayList<>();
        for (Object item : array(name)) {
            if (!(item instanceof JsonObject o)) {
                throw wrong(name, "an array of objects");
            }
            out.add(o);
        }
        return out;
    }

    /** Empty when missing. */
    public List<String> getStrings(String name) throws JsonException {
        List<String> out = new ArrayList<>();
        for (Object item : array(name)) {
            if (!(item instanceof String s)) {
                throw wrong(name, "an array of strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Empty when missing. */
    public List<Long> getLongs(String name) throws JsonException {
        List<?> items = array(name);
        List<Long> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Long n)) {
                throw wrong(name, "an array of whole numbers");
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    private List<?> array(String name) throws JsonException {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrong(name, "an array");
    }

    private static JsonException wrong(String name, String expected) {
        return new JsonException("field '" + name + "' is not " + expected);
    }
}
