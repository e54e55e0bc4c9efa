package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Analyzer;
import dev.leakprobe.analyzer.diff.SuspectRules;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = "One dump: classes by retained size, the biggest dominators, and leak suspects (an object, or "
                + "the objects of one class under one path, retaining a large share of the heap).")
final class AnalyzeCommand extends DumpCommand {

    @Parameters(paramLabel = "DUMP", description = "an HPROF file (.hprof or .hprof.gz)")
    Path dump;

    @Option(
            names = "--min-share",
            paramLabel = "PERCENT",
            defaultValue = "10",
            description = "a suspect retains at least this percentage of heap plus off-heap (default: 10)")
    double minSharePercent;

    @Override
    List<Path> dumps() {
        return List.of(dump);
    }

    @Override
    List<DumpInfo> checkAndOrder(List<DumpInfo> infos) {
        return infos;
    }

    @Override
    Analysis analyse(List<DumpInfo> infos, List<DumpSummary> summaries) {
        SuspectRules rules = new SuspectRules(
                SuspectRules.DEFAULT.minGrowthBytes(), SuspectRules.DEFAULT.minGrowthShare(), minSharePercent / 100);
        return Analyzer.analyze(infos.get(0), summaries.get(0), rules);
    }
}
