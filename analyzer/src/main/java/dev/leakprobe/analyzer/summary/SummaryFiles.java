package dev.leakprobe.analyzer.summary;

import dev.leakprobe.analyzer.heap.BadDumpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Summary files given on the command line instead of dumps ({@code diff a.hprof.leakprobe-summary ...}): made where
 * each dump lies by {@code leakprobe summarize}, so that only the small summaries travel.
 */
public final class SummaryFiles {

    private SummaryFiles() {}

    public static boolean isSummary(Path file) {
        return file.getFileName().toString().endsWith(SummaryCache.SUFFIX);
    }

    /** Reads a summary written by {@code summarize}; refuses one of another format or without its source. */
    public static DumpSummary read(Path file) throws BadDumpException {
        if (!Files.isRegularFile(file)) {
            throw new BadDumpException(file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
        }
        DumpSummary summary;
        try {
            summary = SummaryFormat.read(file);
        } catch (SummaryFormat.OtherVersion e) {
            throw new BadDumpException(file + ": a summary of another leakprobe version; summarize the dump again", e);
        } catch (SummaryFormat.Damaged e) {
            throw new BadDumpException(
                    file + ": not a leakprobe summary, or a damaged one (" + e.getMessage()
                            + "), not used; summarize its dump again",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new BadDumpException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (summary.format() != DumpSummary.FORMAT || summary.source() == null || summary.nodes() == null) {
            throw new BadDumpException(file + ": a summary of another leakprobe version (format " + summary.format()
                    + ", this one reads " + DumpSummary.FORMAT + "); summarize the dump again");
        }
        return summary;
    }

    /** Why {@link #read} refused a summary, when it was damaged (a summary of its dump can then be made again). */
    public static Optional<String> damage(BadDumpException refusal) {
        return refusal.getCause() instanceof SummaryFormat.Damaged d ? Optional.of(d.getMessage()) : Optional.empty();
    }

    /** Where the dump lay (or lies): beside the summary, its name without the suffix. */
    public static Path dumpBeside(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - SummaryCache.SUFFIX.length()));
    }

    /** The dump's facts as the summary keeps them; the file is where the dump lay, beside the summary. */
    public static DumpInfo info(Path file, DumpSummary summary) {
        DumpSource source = summary.source();
        Path dump = dumpBeside(file);
        return new DumpInfo(
                dump,
                source.epochMillis(),
                source.trigger(),
                source.pid(),
                source.sizeBytes(),
                true,
                DumpInfo.metaspaceBeside(dump));
    }
}
