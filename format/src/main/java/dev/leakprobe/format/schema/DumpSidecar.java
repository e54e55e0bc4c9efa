package dev.leakprobe.format.schema;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import dev.leakprobe.format.json.JsonReader;
import dev.leakprobe.format.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <dump>.json}, written beside every dump the agent takes. A reader accepts a file with fields missing
 * (someone wrote it by hand): numbers are then -1 and strings {@code null}.
 *
 * @param trigger {@code signal}, {@code schedule}, {@code jmx}, {@code threshold} or {@code growth}
 * @param memory {@code null} when missing
 * @param growth the watch mode's series of a {@code growth} dump; {@code null} for other triggers
 */
public record DumpSidecar(
        long pid,
        String name,
        String file,
        String trigger,
        boolean live,
        long seq,
        long startedEpochMillis,
        long endedEpochMillis,
        MemoryFigures memory,
        GrowthSeries growth) {

    public static final int VERSION = 1;
    public static final List<String> TRIGGERS = List.of("signal", "schedule", "jmx", "threshold", "growth");

    public static Path of(Path dump) {
        return FileNames.beside(dump, FileNames.SIDECAR_SUFFIX);
    }

    public String toJson() {
        JsonWriter json = new JsonWriter()
                .beginObject()
                .field("leakprobe", VERSION)
                .field("pid", pid)
                .field("name", name)
                .field("file", file)
                .field("trigger", trigger)
                .field("live", live)
                .field("seq", seq)
                .field(
                        "startedAt",
                        java.time.Instant.ofEpochMilli(startedEpochMillis).toString())
                .field("startedEpochMillis", startedEpochMillis)
                .field(
                        "endedAt",
                        java.time.Instant.ofEpochMilli(endedEpochMillis).toString())
                .field("endedEpochMillis", endedEpochMillis);
        if (memory != null) {
            json.beginObject("memory");
            memory.writeFields(json);
            json.endObject();
        }
        if (growth != null) {
            growth.writeField(json);
        }
        return json.endObject() + "\n";
    }

    public static DumpSidecar parse(String text) throws JsonException {
        JsonObject o = JsonReader.object(text);
        JsonObject memory = o.getObject("memory");
        return new DumpSidecar(
                o.getLong("pid", -1),
                o.getString("name"),
                o.getString("file"),
                o.getString("trigger"),
                o.getBoolean("live", true),
                o.getLong("seq", -1),
                o.getLong("startedEpochMillis", -1),
                o.getLong("endedEpochMillis", -1),
                memory == null || !memory.has("epochMillis") ? null : MemoryFigures.from(memory),
                GrowthSeries.from(o));
    }

    public static DumpSidecar read(Path file) throws IOException {
        return parse(SmallFiles.read(file));
    }
}
