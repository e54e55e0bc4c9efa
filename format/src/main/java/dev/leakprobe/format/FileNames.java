package dev.leakprobe.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The name of every file the agent and the analyzer put beside a dump. A sidecar is named by the dump's whole file
 * name plus a suffix: {@code app-4242-20261126-050000-1.hprof.json}.
 */
public final class FileNames {

    /** One row per metrics interval, in the dump folder. */
    public static final String METRICS = "metrics.jsonl";
    /** The previous {@link #METRICS}, once it grew past its bound. */
    public static final String METRICS_ROTATED = METRICS + ".1";

    /** {@code <dump>.json}: trigger, times and memory figures of a dump the agent wrote. */
    public static final String SIDECAR_SUFFIX = ".json";
    /** {@code <dump>.direct-sites.json}: where the live direct buffers were allocated. */
    public static final String DIRECT_SITES_SUFFIX = ".direct-sites.json";
    /** {@code <dump>.alloc-sites.json}: allocation sites of tracked classes. */
    public static final String ALLOC_SITES_SUFFIX = ".alloc-sites.json";
    /** {@code <dump>.leakprobe-summary}: the analyzer's cached summary of the dump. */
    public static final String SUMMARY_SUFFIX = ".leakprobe-summary";

    /** Every suffix of a file that belongs to one dump, and only those: retention deletes exactly these. */
    public static final List<String> DUMP_COMPANION_SUFFIXES =
            List.of(SIDECAR_SUFFIX, DIRECT_SITES_SUFFIX, ALLOC_SITES_SUFFIX, SUMMARY_SUFFIX);

    /**
     * The hidden prefix of anything being written: a dump until it is complete, a temporary file until it is renamed.
     * No {@code *.hprof} or {@code *.json} glob matches a name that starts with a dot.
     */
    public static final String PARTIAL_PREFIX = ".partial-";

    public static final String HPROF = ".hprof";
    public static final String GZIP = ".gz";

    private FileNames() {}

    /** {@code dir/name.hprof} → {@code dir/name.hprof<suffix>}. */
    public static Path beside(Path dump, String suffix) {
        return dump.resolveSibling(dump.getFileName() + suffix);
    }

    /**
     * Where a reader looks for a file beside {@code dump}: beside its own name, and for {@code x.hprof.gz} also beside
     * {@code x.hprof} (the agent wrote the sidecars before someone compressed the dump).
     */
    public static List<Path> besideCandidates(Path dump, String suffix) {
        String name = dump.getFileName().toString();
        List<Path> candidates = new ArrayList<>(List.of(dump.resolveSibling(name + suffix)));
        if (name.endsWith(GZIP)) {
            candidates.add(dump.resolveSibling(name.substring(0, name.length() - GZIP.length()) + suffix));
        }
        return candidates;
    }

    /** The hidden name a dump is written under until it is complete. */
    public static Path partialDump(Path dump) {
        return dump.resolveSibling(PARTIAL_PREFIX + dump.getFileName());
    }
}
