package dev.leakprobe.format.schema;

import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import dev.leakprobe.format.json.JsonWriter;

/**
 * The {@code growth} of a sidecar whose trigger is {@code growth}: which series of watch mode the dump belongs to,
 * and the fit over the window that started the series. A reader of a folder groups dumps by pid and {@code series}
 * and knows a series complete when it holds {@code size} dumps.
 *
 * @param series the series' number in its JVM, from 1
 * @param index the dump's place in the series, from 1 to {@code size}
 * @param size how many dumps the series takes
 * @param bytesPerMinute the least-squares slope of the live set over the window
 * @param r2 how well a line fits the window, from 0 to 1
 * @param windowMillis the window's length
 * @param gcs how many GCs the window holds (samples of the agent's timer, for an off-heap part)
 * @param part what grew: {@code heap} (the live set), {@code direct}, {@code mapped} or {@code unexplained} (rss
 *     that no JVM figure explains); {@code heap} in sidecars written before the field
 */
public record GrowthSeries(
        long series, int index, int size, double bytesPerMinute, double r2, long windowMillis, int gcs, String part) {

    public static final String HEAP = "heap";

    /** A series on the live set. */
    public GrowthSeries(
            long series, int index, int size, double bytesPerMinute, double r2, long windowMillis, int gcs) {
        this(series, index, size, bytesPerMinute, r2, windowMillis, gcs, HEAP);
    }

    public boolean isLast() {
        return index == size;
    }

    void writeField(JsonWriter json) {
        json.beginObject("growth")
                .field("series", series)
                .field("index", index)
                .field("size", size)
                .field("bytesPerMinute", bytesPerMinute)
                .field("r2", r2)
                .field("windowMillis", windowMillis)
                .field("gcs", gcs)
                .field("part", part)
                .endObject();
    }

    /** @return {@code null} when the sidecar has no {@code growth} */
    static GrowthSeries from(JsonObject sidecar) throws JsonException {
        JsonObject o = sidecar.getObject("growth");
        if (o == null) {
            return null;
        }
        return new GrowthSeries(
                o.getLong("series", -1),
                (int) o.getLong("index", -1),
                (int) o.getLong("size", -1),
                o.getDouble("bytesPerMinute", Double.NaN),
                o.getDouble("r2", Double.NaN),
                o.getLong("windowMillis", -1),
                (int) o.getLong("gcs", -1),
                o.getString("part") == null ? HEAP : o.getString("part"));
    }
}
