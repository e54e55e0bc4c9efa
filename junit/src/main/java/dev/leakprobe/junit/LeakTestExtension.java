package dev.leakprobe.junit;

import dev.leakprobe.analyzer.heap.BadDumpException;
import dev.leakprobe.junit.check.HtmlReportFile;
import dev.leakprobe.junit.check.Leak;
import dev.leakprobe.junit.check.LeakCheck;
import dev.leakprobe.junit.dump.BuildFolders;
import dev.leakprobe.junit.dump.DumpFolder;
import dev.leakprobe.junit.dump.DumpSchedule;
import dev.leakprobe.junit.dump.LiveHeapDumper;
import dev.leakprobe.junit.settings.LeakTestSettings;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link LeakTest} method: instead of JUnit's one call of the method, the runs and dumps of
 * {@link DumpSchedule}; then the analyzer diffs the dumps and {@link LeakCheck} judges.
 *
 * <p>The body is called through JUnit's own {@code ReflectionSupport}, with the arguments JUnit resolved for it, so
 * an exception the body throws reaches JUnit as it was thrown: the test fails with it, and nothing is analysed.
 */
final class LeakTestExtension implements InvocationInterceptor {

    static final String REPORT_ENTRY = "leakprobe.report";
    static final String FIGURES_ENTRY = "leakprobe.figures";
    /** Growth the test let pass, through {@code ignore} or {@code allowedGrowth}: said, so it is never a surprise. */
    static final String PASSED_ENTRY = "leakprobe.passed";

    static final String DUMPS_ENTRY = "leakprobe.dumps";

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        Method method = call.getExecutable();
        LeakTestSettings settings = LeakTestSettings.of(
                AnnotationSupport.findAnnotation(method, LeakTest.class).orElseThrow());
        LiveHeapDumper dumper = LiveHeapDumper.create();
        invocation.skip();

        Runnable body = () -> ReflectionSupport.invokeMethod(
                method, call.getTarget().orElse(null), call.getArguments().toArray());
        String name = call.getTargetClass().getSimpleName() + "." + method.getName();
        BuildFolders folders = BuildFolders.detect();
        DumpFolder folder = createFolder(folders, name);
        try {
            DumpSchedule.Taken taken = DumpSchedule.run(body, settings, dumper, folder);
            long analysisStart = System.nanoTime();
            LeakCheck.Verdict verdict = new LeakCheck(settings).check(taken.dumps());
            Path report = folders.reports().resolve(folder.dumpName(0) + ".html");
            HtmlReportFile.write(verdict.analysis(), report);
            String figures = figures(settings, taken, folder, System.nanoTime() - analysisStart);

            publish(context, name, verdict, report, figures, settings.keepDumps() ? folder.path() : null);
            if (!verdict.leaks().isEmpty()) {
                throw new AssertionFailedError(message(verdict.leaks(), report));
            }
        } catch (BadDumpException e) {
            // Not the test's failure: the analysis could not be made, and the test says so as an error.
            throw new IllegalStateException("@LeakTest could not analyse its heap dumps: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "@LeakTest could not dump the heap or write its report: " + e.getMessage(), e);
        } finally {
            if (!settings.keepDumps()) {
                folder.delete();
            }
        }
    }

    private static DumpFolder createFolder(BuildFolders folders, String name) {
        try {
            return DumpFolder.create(folders.temp(), name);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "@LeakTest cannot create its dump folder in " + folders.temp() + ": " + e, e);
        }
    }

    /** The title and path of every leak, biggest first, then where the page is. */
    static String message(List<Leak> leaks, Path report) {
        StringBuilder text = new StringBuilder();
        for (Leak leak : leaks) {
            text.append(leak.title())
                    .append('\n')
                    .append("    ")
                    .append(leak.path())
                    .append('\n');
        }
        return text.append("leakprobe report: ").append(report).toString();
    }

    private static String figures(
            LeakTestSettings settings, DumpSchedule.Taken taken, DumpFolder folder, long analysisNanos)
            throws IOException {
        return String.format(
                Locale.ROOT,
                "%d runs in %.2f s; %d dumps, %.1f MB in all, taken in %.2f s, analysed in %.2f s",
                settings.warmup() + settings.iterations(),
                taken.runNanos() / 1e9,
                taken.dumps().size(),
                folder.sizeOf(taken.dumps()) / 1048576.0,
                taken.dumpNanos() / 1e9,
                analysisNanos / 1e9);
    }

    private static void publish(
            ExtensionContext context,
            String name,
            LeakCheck.Verdict verdict,
            Path report,
            String figures,
            Path keptDumps) {
        context.publishReportEntry(REPORT_ENTRY, report.toString());
        context.publishReportEntry(FIGURES_ENTRY, figures);
        if (!verdict.passed().isEmpty()) {
            context.publishReportEntry(
                    PASSED_ENTRY, verdict.passed().stream().map(Leak::title).collect(Collectors.joining("; ")));
        }
        if (keptDumps != null) {
            context.publishReportEntry(DUMPS_ENTRY, keptDumps.toString());
        }
        // Surefire shows no report entries: one line on the console says what the test cost and where to look.
        System.out.println("[leakprobe] " + name + ": " + (verdict.leaks().isEmpty() ? "no leak" : "LEAK") + "; "
                + figures + "; report " + report);
    }
}
