package dev.leakprobe.analyzer.summary;

/**
 * Where a summary came from, kept inside it so that {@code diff} can order and check summaries that travelled
 * without their dumps: the dump's file name and size, when it was taken, by which process and why.
 */
public record DumpSource(String fileName, long epochMillis, String trigger, Long pid, long sizeBytes) {

    static DumpSource of(DumpInfo info) {
        return new DumpSource(
                info.file().getFileName().toString(), info.epochMillis(), info.trigger(), info.pid(), info.sizeBytes());
    }
}
