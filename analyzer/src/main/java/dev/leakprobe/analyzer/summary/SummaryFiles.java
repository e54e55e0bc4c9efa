package dev.leakprobe.analyzer.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.analyzer.heap.BadDumpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Summary files given on the command line instead of dumps ({@code diff a.hprof.leakprobe-summary ...}): made where
 * each dump lies by {@code leakprobe summarize}, so that only the small summaries travel.
 */
public final class SummaryFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            summary = JSON.readValue(in, DumpSummary.class);
        } catch (IOException | RuntimeException e) {
            throw new BadDumpException(file + ": not a leakprobe summary (" + e.getClass().getSimpleName() + ")", e);
        }
        if (summary.format() != DumpSummary.FORMAT || summary.source() == null || summary.nodes() == null) {
            throw new BadDumpException(file + ": a summary of another leakprobe version (format " + summary.format()
                    + ", this one reads " + DumpSummary.FORMAT + "); summarize the dump again");
        }
        return summary;
    }

    /** The dump's facts as the summary keeps them; the file is where the dump lay, beside the summary. */
    public static DumpInfo info(Path file, DumpSummary summary) {
        DumpSource source = summary.source();
        String name = file.getFileName().toString();
        Path dump = file.resolveSibling(name.substring(0, name.length() - SummaryCache.SUFFIX.length()));
        return new DumpInfo(dump, source.epochMillis(), source.trigger(), source.pid(), source.sizeBytes(), true);
    }
}
