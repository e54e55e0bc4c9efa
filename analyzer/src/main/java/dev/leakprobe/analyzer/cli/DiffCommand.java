package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Analyzer;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.diff.SuspectRules;
import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.report.Wording;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Two or more dumps of one process: what grows, where it accumulates, and its path from a GC "
                + "root. Dumps are ordered by their sidecar time (file time otherwise).")
final class DiffCommand extends DumpCommand {

    @Parameters(paramLabel = "DUMP", arity = "2..*", description = "HPROF files of one process (.hprof or .hprof.gz)")
    List<Path> dumps;

    @Option(
            names = "--fail-on-growth",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "exit 3 when a suspect's retained size (heap + off-heap), or native memory that no suspect "
                    + "explains, grew by more than SIZE, e.g. 10MB")
    Long failOnGrowth;

    @Option(
            names = "--min-growth",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            defaultValue = "1MB",
            description = "ignore growth below SIZE (default: 1MB) ...")
    long minGrowth;

    @Option(
            names = "--min-growth-share",
            paramLabel = "PERCENT",
            defaultValue = "1",
            description = "... or below this percentage of the last dump's heap plus off-heap (default: 1)")
    double minGrowthSharePercent;

    @Override
    List<Path> dumps() {
        return dumps;
    }

    @Override
    List<DumpInfo> checkAndOrder(List<DumpInfo> infos) throws BadDumpException {
        List<Long> pids = infos.stream()
                .map(DumpInfo::pid)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (pids.size() > 1) {
            throw new BadDumpException("these dumps come from different processes (pids " + pids
                    + "); diff compares dumps of one process");
        }
        List<Integer> idSizes = dumps.stream()
                .map(DumpOpener::identifierSize)
                .filter(size -> size > 0)
                .distinct()
                .sorted()
                .toList();
        if (idSizes.size() > 1) {
            // No pid to tell them apart, but a JVM does not change its identifier size between two dumps.
            throw new BadDumpException("these dumps come from different processes (identifier sizes " + idSizes
                    + " bytes: a 32-bit and a 64-bit JVM); diff compares dumps of one process");
        }
        SameFile.refuseTwice(dumps);
        SameFile.refuseTwice(infos.stream().map(DumpInfo::file).toList());
        return infos.stream()
                .sorted(Comparator.comparingLong(DumpInfo::epochMillis)
                        .thenComparing(i -> i.file().toString()))
                .toList();
    }

    @Override
    Analysis analyse(List<DumpInfo> infos, List<DumpSummary> summaries) {
        SuspectRules rules =
                new SuspectRules(minGrowth, minGrowthSharePercent / 100, SuspectRules.DEFAULT.minHeapShare());
        return Analyzer.diff(infos, summaries, rules);
    }

    @Override
    int exitCode(Analysis analysis) {
        if (failOnGrowth == null) {
            return Main.OK;
        }
        for (Suspect s : analysis.suspects()) {
            if (s.retainedDelta() > failOnGrowth) {
                System.err.println(Main.errorLine(Wording.grewOverLimit(s, failOnGrowth)));
                return Main.GREW;
            }
        }
        if (analysis.nativeGrowth().isPresent() && analysis.nativeGrowth().get().outsideHeap() > failOnGrowth) {
            System.err.println(Main.errorLine(
                    Wording.nativeGrewOverLimit(analysis.nativeGrowth().get(), failOnGrowth)));
            return Main.GREW;
        }
        return Main.OK;
    }
}
