package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.json.JsonWriter;
import dev.leakprobe.agent.metrics.MemorySnapshot;
import java.time.Instant;

/** The {@code <dump>.hprof.json} file written beside every dump (format in DEVELOPERS.md). */
record DumpSidecar(
        long pid,
        String name,
        String file,
        DumpTrigger trigger,
        boolean live,
        int seq,
        Instant startedAt,
        Instant endedAt,
        MemorySnapshot memory) {

    String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .field("leakprobe", 1)
                .field("pid", pid)
                .field("name", name)
                .field("file", file)
                .field("trigger", trigger.jsonName())
                .field("live", live)
                .field("seq", seq)
                .field("startedAt", startedAt.toString())
                .field("startedEpochMillis", startedAt.toEpochMilli())
                .field("endedAt", endedAt.toString())
                .field("endedEpochMillis", endedAt.toEpochMilli())
                .beginObject("memory");
        memory.writeFields(json);
        return json.endObject().endObject().toString() + "\n";
    }
}
