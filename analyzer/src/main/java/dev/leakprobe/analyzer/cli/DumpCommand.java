package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.OutOfMemory;
import dev.leakprobe.analyzer.report.ReportWriteException;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpKey;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.Summarizer;
import dev.leakprobe.analyzer.summary.SummaryCache;
import dev.leakprobe.analyzer.summary.SummaryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The flow of both commands: read dump facts, summarise (cache or parse), analyse, report; bad input → exit 2. */
abstract class DumpCommand implements Callable<Integer> {

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        try {
            List<DumpInfo> infos = new ArrayList<>();
            // Summaries given instead of dumps (made by `summarize` where the dumps lie), by the dump they stand for.
            Map<Path, DumpSummary> given = new HashMap<>();
            // What each input holds (a copy of a dump, or of its summary, is still that dump), as given.
            Map<Path, DumpKey> contents = new LinkedHashMap<>();
            for (Path input : dumps()) {
                if (!SummaryFiles.isSummary(input)) {
                    infos.add(info(input));
                    contents.put(input, key(input));
                    continue;
                }
                try {
                    DumpSummary summary = SummaryFiles.read(input);
                    DumpInfo info = SummaryFiles.info(input, summary);
                    given.put(info.file(), summary);
                    infos.add(info);
                    contents.put(input, summary.key());
                } catch (BadDumpException refused) {
                    // A damaged summary is never used; when its dump lies beside it, the dump is summarised instead.
                    Path dump = SummaryFiles.dumpBeside(input);
                    String damage = SummaryFiles.damage(refused).orElseThrow(() -> refused);
                    if (!Files.isRegularFile(dump)) {
                        throw refused;
                    }
                    options.warn(SummaryCache.damaged(input.toAbsolutePath(), damage, dump));
                    infos.add(info(dump));
                    contents.put(dump, key(dump));
                }
            }
            SameFile.refuseSameContent(contents);
            infos = checkAndOrder(infos);
            ConsoleProgress progress = ConsoleProgress.forStderr(options.quiet, options.verbose);
            Summarizer summarizer = new Summarizer(
                    new DumpOpener(options.engine()),
                    options.cache(),
                    ConsoleProgress.orNone(progress),
                    options.keepUnreachable);
            List<Path> toParse = infos.stream()
                    .map(DumpInfo::file)
                    .filter(f -> !given.containsKey(f))
                    .toList();
            List<DumpSummary> parsed;
            try {
                parsed = summarizer.summarize(toParse);
            } finally {
                if (progress != null) {
                    progress.clear();
                }
            }
            List<DumpSummary> summaries = new ArrayList<>();
            int next = 0;
            for (DumpInfo info : infos) {
                summaries.add(given.containsKey(info.file()) ? given.get(info.file()) : parsed.get(next++));
            }
            Analysis analysis = analyse(infos, summaries);
            options.write(analysis, System.out, System.err);
            return exitCode(analysis);
        } catch (BadDumpException e) {
            System.err.println(Main.errorLine(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (ReportWriteException e) {
            System.err.println(Main.errorLine(e.getMessage()));
            return Main.CANNOT_WRITE;
        } catch (IOException e) {
            System.err.println(Main.errorLine(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // Out of memory outside a parse (a parse says which dump): the advice, not a stack trace.
            System.err.println(Main.errorLine(OutOfMemory.advice(null, 0)));
            return Main.BAD_INPUT;
        }
    }

    abstract List<Path> dumps();

    /** Orders the dumps and refuses what cannot be analysed together. */
    abstract List<DumpInfo> checkAndOrder(List<DumpInfo> infos) throws BadDumpException;

    abstract Analysis analyse(List<DumpInfo> infos, List<DumpSummary> summaries);

    int exitCode(Analysis analysis) {
        return Main.OK;
    }

    private static DumpKey key(Path dump) throws BadDumpException {
        try {
            return DumpKey.of(dump);
        } catch (IOException e) {
            throw new BadDumpException(dump + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static DumpInfo info(Path dump) throws BadDumpException {
        if (!Files.exists(dump)) {
            throw new BadDumpException(dump + ": no such file");
        }
        if (!Files.isRegularFile(dump)) {
            throw new BadDumpException(dump + ": not a regular file");
        }
        try {
            return DumpInfo.of(dump);
        } catch (IOException e) {
            throw new BadDumpException(dump + ": cannot read: " + e.getMessage(), e);
        }
    }
}
