package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.metrics.MemorySnapshot;
import dev.leakprobe.format.schema.GrowthSeries;
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
        MemorySnapshot memory,
        GrowthSeries growth) {

    dev.leakprobe.format.schema.DumpSidecar toFormat() {
        return new dev.leakprobe.format.schema.DumpSidecar(
                pid,
                name,
                file,
                trigger.jsonName(),
                live,
                seq,
                startedAt.toEpochMilli(),
                endedAt.toEpochMilli(),
                memory.figures(),
                growth);
    }

    String toJson() {
        return toFormat().toJson();
    }
}
