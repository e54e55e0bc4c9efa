package dev.leakprobe.junit;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.junit.check.HtmlReportFile;
import dev.leakprobe.junit.check.Leak;
import dev.leakprobe.junit.check.LeakCheck;
import dev.leakprobe.junit.dump.BuildFolders;
import dev.leakprobe.junit.dump.DumpFolder;
import dev.leakprobe.junit.dump.LiveHeapDumper;
import dev.leakprobe.junit.settings.LeakTestSettings;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link LeakTest} method: instead of JUnit's one call of the method, the warm-up runs, a live dump, the first
 * half of the iterations, a dump, the second half, a dump; then the analyzer diffs the three dumps.
 *
 * <p>The body is called through JUnit's own {@code ReflectionSupport}, with the arguments JUnit resolved for it, so
 * an exception the body throws reaches JUnit as it was thrown: the test fails with it, and nothing is analysed.
 */
final class LeakTestExtension implements InvocationInterceptor {

    static final String REPORT_ENTRY = "leakprobe.report";
    static final String FIGURES_ENTRY = "leakprobe.figures";
    /** Growth the test let pass, through {@code ignore} or {@code allowedGrowth}: said, so it is never a surprise. */
    static final String PASSED_ENTRY = "leakprobe.passed";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        LeakTest annotation = AnnotationSupport.findAnnotation(method, LeakTest.class).orElseThrow();
        LeakTestSettings settings = LeakTestSettings.of(annotation);
        LiveHeapDumper dumper = LiveHeapDumper.create();
        invocation.skip();

        Runnable body = () -> ReflectionSupport.invokeMethod(method, call.getTarget().orElse(null),
                call.getArguments().toArray());
        String name = testName(call);
        BuildFolders folders = BuildFolders.detect();
        DumpFolder folder = DumpFolder.create(folders.temp(), name);
        try {
            List<Path> dumps = new ArrayList<>();
            long dumpNanos = 0;
            long runStart = System.nanoTime();
            run(body, settings.warmup());
            int[] runs = settings.runsPerInterval();
            for (int d = 0; d <= runs.length; d++) {
                if (d > 0) {
                    run(body, runs[d - 1]);
                }
                long start = System.nanoTime();
                dumps.add(dumper.dump(folder.path(), folder.dumpName(d + 1)));
                dumpNanos += System.nanoTime() - start;
            }
            long runNanos = System.nanoTime() - runStart - dumpNanos;
            long analysisStart = System.nanoTime();
            LeakCheck.Verdict verdict = new LeakCheck(settings).check(dumps);
            Path report = folders.reports().resolve(folder.dumpName(0) + ".html");
            HtmlReportFile.write(verdict.analysis(), report);
            long analysisNanos = System.nanoTime() - analysisStart;

            String figures = String.format(Locale.ROOT,
                    "%d runs in %.2f s; %d dumps, %.1f MB in all, taken in %.2f s, analysed in %.2f s",
                    settings.warmup() + settings.iterations(), runNanos / 1e9, dumps.size(),
                    folder.sizeOf(dumps) / 1048576.0, dumpNanos / 1e9, analysisNanos / 1e9);
            context.publishReportEntry(REPORT_ENTRY, report.toString());
            context.publishReportEntry(FIGURES_ENTRY, figures);
            // Surefire shows no report entries: one line on the console says what the test cost and where to look.
            System.out.println("[leakprobe] " + name + ": " + (verdict.leaks().isEmpty() ? "no leak" : "LEAK")
                    + "; " + figures + "; report " + report);
            if (!verdict.passed().isEmpty()) {
                context.publishReportEntry(PASSED_ENTRY, verdict.passed().stream().map(Leak::title)
                        .collect(java.util.stream.Collectors.joining("; ")));
            }
            if (settings.keepDumps()) {
                context.publishReportEntry("leakprobe.dumps", folder.path().toString());
            }
            if (!verdict.leaks().isEmpty()) {
                throw new AssertionFailedError(message(verdict.leaks(), report));
            }
        } catch (BadDumpException | IOException e) {
            throw new AssertionFailedError("@LeakTest could not analyse its heap dumps: " + e.getMessage(), e);
        } finally {
            if (!settings.keepDumps()) {
                folder.delete();
            }
        }
    }

    private static void run(Runnable body, int times) {
        for (int i = 0; i < times; i++) {
            body.run();
        }
    }

    /** {@code LeakyTest.leaks}: names the dumps, the scratch folder and the report. */
    private static String testName(ReflectiveInvocationContext<Method> call) {
        return call.getTargetClass().getSimpleName() + "." + call.getExecutable().getName();
    }

    /** The title and path of every leak, biggest first, then where the page is. */
    static String message(List<Leak> leaks, Path report) {
        StringBuilder text = new StringBuilder();
        for (Leak leak : leaks) {
            text.append(leak.title()).append('\n').append("    ").append(leak.path()).append('\n');
        }
        return text.append("leakprobe report: ").append(report).toString();
    }

}
