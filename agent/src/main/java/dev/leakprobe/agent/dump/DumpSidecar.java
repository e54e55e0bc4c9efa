package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.metrics.MemorySnapshot;
import java.time.Instant;

/** The facts of one dump the agent wrote, as the format module's {@code <dump>.json} sidecar. */
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

    dev.leakprobe.format.schema.DumpSidecar toFormat() {
        return new dev.leakprobe.format.schema.DumpSidecar(pid, name, file, trigger.jsonName(), live, seq,
                startedAt.toEpochMilli(), endedAt.toEpochMilli(), memory.figures());
    }

    String toJson() {
        return toFormat().toJson();
    }
}
