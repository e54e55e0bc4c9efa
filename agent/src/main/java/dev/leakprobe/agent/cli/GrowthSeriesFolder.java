package dev.leakprobe.agent.cli;

import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.schema.DumpSidecar;
import dev.leakprobe.format.schema.GrowthSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The growth series in a dump folder, from the sidecars of its dumps: those whose trigger is {@code growth},
 * grouped by pid and series number. A series is complete when a dump of each of its places is there.
 */
final class GrowthSeriesFolder {

    /**
     * One series: its dumps in order ({@code null} where a dump is missing yet), and the fit that started it.
     *
     * @param startedEpochMillis when its first dump present started
     */
    record Series(long pid, long number, List<Path> dumps, GrowthSeries fit, long startedEpochMillis) {
        boolean complete() {
            return present() == dumps.size();
        }

        long present() {
            return dumps.stream().filter(Objects::nonNull).count();
        }
    }

    private GrowthSeriesFolder() {}

    /**
     * @param pid only this process's series, or every process's when empty
     * @return the series, oldest first
     */
    static List<Series> in(Path dir, OptionalLong pid) throws IOException {
        Map<String, Series> series = new LinkedHashMap<>();
        for (Path dump : dumps(dir)) {
            DumpSidecar sidecar = sidecarOf(dump);
            if (sidecar == null
                    || !"growth".equals(sidecar.trigger())
                    || sidecar.growth() == null
                    || pid.isPresent() && sidecar.pid() != pid.getAsLong()) {
                continue;
            }
            GrowthSeries g = sidecar.growth();
            if (g.size() < 1 || g.size() > 100 || g.index() < 1 || g.index() > g.size()) {
                continue; // not a sidecar of ours
            }
            Series s = series.computeIfAbsent(
                    sidecar.pid() + "/" + g.series(),
                    k -> new Series(
                            sidecar.pid(),
                            g.series(),
                            new ArrayList<>(Collections.nCopies(g.size(), null)),
                            g,
                            sidecar.startedEpochMillis()));
            s.dumps().set(g.index() - 1, dump);
        }
        List<Series> all = new ArrayList<>(series.values());
        all.sort(Comparator.comparingLong(Series::startedEpochMillis));
        return all;
    }

    /** The newest complete series, if any. */
    static Optional<Series> newestComplete(Path dir, OptionalLong pid) throws IOException {
        List<Series> all = in(dir, pid);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Complete dumps named as the agent names them; never a hidden partial file. */
    private static List<Path> dumps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> DumpName.parse(f.getFileName().toString()).isPresent())
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    private static DumpSidecar sidecarOf(Path dump) {
        Path file = FileNames.beside(dump, FileNames.SIDECAR_SUFFIX);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? DumpSidecar.read(file) : null;
        } catch (IOException | RuntimeException e) {
            return null; // a sidecar being written, or not ours: the next look reads it
        }
    }
}
