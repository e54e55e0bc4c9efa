package dev.leakprobe.analyzer.cli;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.DumpOpener;
import dev.leakprobe.analyzer.heap.HeapEngines;
import dev.leakprobe.analyzer.heap.OutOfMemory;
import dev.leakprobe.analyzer.report.TerminalText;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.Summarizer;
import dev.leakprobe.analyzer.summary.SummaryCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leakprobe summarize DUMP...}: the summary of each dump, written beside it (or into {@code --out}), so that
 * summarising runs where each dump lies and only the small summaries travel to {@code diff}.
 */
@Command(
        name = "summarize",
        mixinStandardHelpOptions = true,
        description = "Writes <dump>.leakprobe-summary for each dump: what diff needs of it, a few hundred KB. "
                + "Run it where each dump lies, then diff the summaries anywhere.")
final class SummarizeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DUMP", arity = "1..*", description = "HPROF files (.hprof or .hprof.gz)")
    List<Path> dumps;

    @Option(names = "--out", paramLabel = "DIR", description = "write the summaries here instead of beside the dumps")
    Path out;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress on stderr")
    boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            description = "every step of the parse on stderr, a line each, also when stderr is not a terminal")
    boolean verbose;

    @Override
    public Integer call() {
        try {
            if (out != null) {
                Files.createDirectories(out);
            }
            // Beside the dump, a valid summary already there is reused; with --out, every dump is summarised.
            SummaryCache cache = out != null
                    ? SummaryCache.disabled()
                    : new SummaryCache(null, true, line -> System.err.println(Main.errorLine(line)));
            ConsoleProgress progress = ConsoleProgress.forStderr(quiet, verbose);
            Summarizer summarizer = new Summarizer(
                    new DumpOpener(HeapEngines.named(HeapEngines.DEFAULT)), cache, ConsoleProgress.orNone(progress));
            List<DumpSummary> summaries;
            try {
                summaries = summarizer.summarize(dumps);
            } finally {
                if (progress != null) {
                    progress.clear();
                }
            }
            for (int i = 0; i < dumps.size(); i++) {
                Path dump = dumps.get(i);
                Optional<Path> written =
                        out == null ? cache.store(dump, summaries.get(i)) : storeIn(out, dump, summaries.get(i));
                if (written.isEmpty()) {
                    throw new BadDumpException(dump + ": cannot write its summary (folder not writable? use --out)");
                }
                System.out.println(TerminalText.safe(written.get().toString()));
            }
            return Main.OK;
        } catch (BadDumpException | java.io.IOException e) {
            System.err.println(Main.errorLine(e.getMessage()));
            return Main.BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // Out of memory outside a parse (a parse says which dump): the advice, not a stack trace.
            System.err.println(Main.errorLine(OutOfMemory.advice(null, 0)));
            return Main.BAD_INPUT;
        }
    }

    private static Optional<Path> storeIn(Path dir, Path dump, DumpSummary summary) {
        Path file = dir.resolve(dump.getFileName() + SummaryCache.SUFFIX);
        return SummaryCache.storeAt(file, summary) ? Optional.of(file) : Optional.empty();
    }
}
