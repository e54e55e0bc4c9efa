package dev.leakprobe.format.schema;

import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import dev.leakprobe.format.json.JsonReader;
import dev.leakprobe.format.json.JsonWriter;

/**
 * The JVM's memory figures at one moment, in bytes: one row of {@code metrics.jsonl}, and the {@code memory} of a
 * dump sidecar (DEVELOPERS.md, "File formats").
 *
 * @param rss resident set size, -1 when unknown ({@code null} in JSON)
 * @param heapMax -1 when the heap has no defined maximum
 * @param rssParts what the resident set is made of; {@code null} in rows written before the ledger
 * @param heapAfterGc heap used just after the last GC (the live set, plus what the last young GC promoted), -1 before
 *     the first GC, in rows written before the field, and where unknown
 */
public record MemoryFigures(
        long epochMillis,
        long pid,
        long heapUsed,
        long heapTotal,
        long heapMax,
        long rss,
        long directUsed,
        long directCount,
        long mappedUsed,
        long mappedCount,
        long nonHeapUsed,
        long metaspaceUsed,
        long gcCount,
        long gcTimeMillis,
        RssParts rssParts,
        long heapAfterGc) {

    /** Figures without {@code heapAfterGc}: rows written before it. */
    public MemoryFigures(
            long epochMillis,
            long pid,
            long heapUsed,
            long heapTotal,
            long heapMax,
            long rss,
            long directUsed,
            long directCount,
            long mappedUsed,
            long mappedCount,
            long nonHeapUsed,
            long metaspaceUsed,
            long gcCount,
            long gcTimeMillis,
            RssParts rssParts) {
        this(
                epochMillis,
                pid,
                heapUsed,
                heapTotal,
                heapMax,
                rss,
                directUsed,
                directCount,
                mappedUsed,
                mappedCount,
                nonHeapUsed,
                metaspaceUsed,
                gcCount,
                gcTimeMillis,
                rssParts,
                -1);
    }

    /** Writes the figures as fields of the object {@code json} has open. */
    public void writeFields(JsonWriter json) {
        json.field("time", java.time.Instant.ofEpochMilli(epochMillis).toString())
                .field("epochMillis", epochMillis)
                .field("pid", pid)
                .field("heapUsed", heapUsed)
                .field("heapTotal", heapTotal)
                .field("heapMax", heapMax)
                .fieldOrNull("rss", rss)
                .field("directUsed", directUsed)
                .field("directCount", directCount)
                .field("mappedUsed", mappedUsed)
                .field("mappedCount", mappedCount)
                .field("nonHeapUsed", nonHeapUsed)
                .field("metaspaceUsed", metaspaceUsed)
                .field("gcCount", gcCount)
                .field("gcTimeMillis", gcTimeMillis);
        if (heapAfterGc >= 0) {
            json.field("heapAfterGc", heapAfterGc);
        }
        if (rssParts != null) {
            rssParts.writeField(json);
        }
    }

    /** One {@code metrics.jsonl} row, without the line end. */
    public String toJsonLine() {
        JsonWriter json = new JsonWriter().beginObject();
        writeFields(json);
        return json.endObject().toString();
    }

    public static MemoryFigures parse(String jsonLine) throws JsonException {
        return from(JsonReader.object(jsonLine));
    }

    /** Reads the fields of an object; a row without {@code epochMillis} is no row. */
    public static MemoryFigures from(JsonObject o) throws JsonException {
        if (!o.has("epochMillis")) {
            throw new JsonException("no epochMillis");
        }
        return new MemoryFigures(
                o.getLong("epochMillis", 0),
                o.getLong("pid", -1),
                o.getLong("heapUsed", 0),
                o.getLong("heapTotal", 0),
                o.getLong("heapMax", -1),
                o.getLong("rss", -1),
                o.getLong("directUsed", 0),
                o.getLong("directCount", 0),
                o.getLong("mappedUsed", 0),
                o.getLong("mappedCount", 0),
                o.getLong("nonHeapUsed", 0),
                o.getLong("metaspaceUsed", 0),
                o.getLong("gcCount", 0),
                o.getLong("gcTimeMillis", 0),
                RssParts.from(o),
                o.getLong("heapAfterGc", -1));
    }
}
