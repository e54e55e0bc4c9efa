package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leakprobe.analyzer.summary.ClassStats;
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
 * @param classes the class objects in the heap (how many classes are loaded)
 * @param metaspaceBytes metaspace in use when the agent took the dump (its sidecar); {@code null} when unknown
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
        List<String> warnings,
        long classes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long metaspaceBytes) {

    public DumpFacts {
        warnings = List.copyOf(warnings);
    }

    public DumpFacts(
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
        this(file, time, epochMillis, trigger, pid, sizeBytes, objects, heapBytes, offHeapBytes, warnings, 0, null);
    }

    static DumpFacts of(DumpInfo info, DumpSummary summary) {
        long classes = summary.classes().stream()
                .filter(c -> c.name().equals("java.lang.Class"))
                .mapToLong(ClassStats::count)
                .sum();
        return new DumpFacts(
                info.file().toString(),
                Instant.ofEpochMilli(info.epochMillis()).toString(),
                info.epochMillis(),
                info.trigger(),
                info.pid(),
                info.sizeBytes(),
                summary.objects(),
                summary.heapBytes(),
                summary.offHeapBytes(),
                summary.warnings(),
                classes,
                info.metaspaceBytes());
    }
}
