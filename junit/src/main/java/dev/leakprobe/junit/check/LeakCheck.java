package dev.leakprobe.junit.check;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Analyzer;
import dev.leakprobe.analyzer.diff.PathStep;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.diff.SuspectRules;
import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.analyzer.heap.Progress;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.Summarizer;
import dev.leakprobe.analyzer.summary.SummaryCache;
import dev.leakprobe.junit.settings.LeakTestSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The leak test's rule on top of the analyzer's diff: a suspect is a leak when its count gained at least one object
 * per run of the body in EVERY interval between dumps, and its retained growth is above the allowance. The diff's
 * own rules (a growing path under a stable holder, the deepest such path) stay as they are; its size floors are
 * replaced by the allowance, since a test's scenario is small and a leak of a few KB per run is still a leak.
 */
public final class LeakCheck {

    private final LeakTestSettings settings;

    public LeakCheck(LeakTestSettings settings) {
        this.settings = settings;
    }

    /** {@code dumps} oldest first, one more than {@link LeakTestSettings#runsPerInterval()} has entries. */
    public Verdict check(List<Path> dumps) throws BadDumpException, IOException {
        List<DumpInfo> infos = new ArrayList<>();
        for (Path dump : dumps) {
            infos.add(DumpInfo.of(dump));
        }
        // Kept dumps get their summary cached beside them, so a later `leakprobe diff` of them takes seconds.
        SummaryCache cache = settings.keepDumps() ? new SummaryCache(null, true) : SummaryCache.disabled();
        List<DumpSummary> summaries = new Summarizer(AnalyzerEntry.opener(), cache, Progress.NONE).summarize(dumps);
        // Every growing path, however small: the allowance is applied below, so that what it let pass can be told.
        SuspectRules rules = new SuspectRules(1, 0, SuspectRules.DEFAULT.minHeapShare());
        Analysis diff = Analyzer.diff(infos, summaries, rules);
        List<Leak> leaks = new ArrayList<>();
        List<Leak> passed = new ArrayList<>();
        List<Suspect> kept = new ArrayList<>();
        for (Suspect suspect : diff.suspects()) {
            if (!gainedInEveryInterval(suspect)) {
                continue;
            }
            Leak leak = new Leak(suspect, settings.iterations());
            if (ignored(suspect) || suspect.retainedDelta() <= settings.allowedGrowthBytes()) {
                passed.add(leak);
            } else {
                leaks.add(leak);
                kept.add(suspect);
            }
        }
        // The report shows what the test judged: only the leaks are suspects there.
        Analysis judged = new Analysis(
                diff.kind(), diff.dumps(), diff.classes(), kept, diff.dominators(), diff.offHeap(), diff.metrics());
        return new Verdict(judged, leaks, passed);
    }

    private boolean gainedInEveryInterval(Suspect suspect) {
        long[] count = suspect.count();
        int[] runs = settings.runsPerInterval();
        for (int d = 0; d < runs.length; d++) {
            if (count[d + 1] - count[d] < runs[d]) {
                return false;
            }
        }
        return true;
    }

    private boolean ignored(Suspect suspect) {
        if (settings.ignore().matches(suspect.className())) {
            return true;
        }
        for (PathStep step : suspect.path()) {
            if (settings.ignore().matches(step.className())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param leaks the leaks, biggest first; empty when the test passes
     * @param passed paths that grew with every run but were ignored or stayed within the allowance
     */
    public record Verdict(Analysis analysis, List<Leak> leaks, List<Leak> passed) {}
}
