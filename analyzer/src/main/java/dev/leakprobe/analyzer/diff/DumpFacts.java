package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.time.Instant;
import java.util.List;

/**
 * One dump as a report shows it: where and when it was taken, by what, and what the summary found.
 *
 * @param pid {@code null} when unknown
 * @param trigger {@code null} when unknown
 * @param warnings what the engine said about the dump (truncated, unknown records, ...)
 */
public record DumpFacts(
        String file,
        String time,
        long epochMillis,
        String trigger,
        Long pid,
        long sizeBytes,
        long objects,
        long heapBytes,
        long offHeapBytes,
        List<String> warnings) {

    public DumpFacts {
        warnings = List.copyOf(warnings);
    }

    static DumpFacts of(DumpInfo info, DumpSummary summary) {
        return new DumpFacts(info.file().toString(), Instant.ofEpochMilli(info.epochMillis()).toString(),
                info.epochMillis(), info.trigger(), info.pid(), info.sizeBytes(), summary.objects(),
                summary.heapBytes(), summary.offHeapBytes(), summary.warnings());
    }
}
