package dev.leakprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakprobe.junit.dump.BuildFolders;
import dev.leakprobe.junit.fixture.AllowedGrowthTest;
import dev.leakprobe.junit.fixture.BoundedTest;
import dev.leakprobe.junit.fixture.IgnoringTest;
import dev.leakprobe.junit.fixture.LeakyTest;
import dev.leakprobe.junit.fixture.MisconfiguredTest;
import dev.leakprobe.junit.fixture.ThrowingTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The fixtures of {@code fixture/} run through the JUnit Platform, as a build would run them. */
class LeakTestEngineTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeIntoTheTempFolder() {
        System.setProperty(BuildFolders.DIR_PROPERTY, dir.toString());
    }

    @AfterEach
    void forgetTheFolder() {
        System.clearProperty(BuildFolders.DIR_PROPERTY);
    }

    @Test
    void aLeakyTestFailsNamingTheStaticFieldAndThePathToWhatAccumulates() throws IOException {
        Events tests = run(selectClass(LeakyTest.class));

        Throwable failure = onlyFailure(tests);
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        List<String> lines = failure.getMessage().lines().toList();
        assertThat(lines.get(0))
                .matches("byte\\[\\] objects accumulate in LeakyTest\\.LEAKED: \\+1\\d\\d KB over 100 iterations "
                        + "\\(\\+1\\.0 objects each\\)");
        assertThat(lines.get(1).trim()).isEqualTo("LeakyTest.LEAKED → ArrayList.elementData → Object[] → byte[] ×110");
        Path report = reportOf(tests);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("leakprobe report: " + report);
        assertThat(Files.readString(report)).contains("LeakyTest", "LEAKED");
        assertThat(leftovers()).as("dumps and scratch are deleted").isEmpty();
    }

    @Test
    void aBoundedLruCacheUnderChurnPasses() throws IOException {
        Events tests = run(selectClass(BoundedTest.class));

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(reportOf(tests)).exists();
        assertThat(tests.reportingEntryPublished().stream()
                        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                        .filter(pairs -> pairs.containsKey(LeakTestExtension.PASSED_ENTRY)))
                .isEmpty();
        assertThat(figuresOf(tests))
                .matches("110 runs in \\d+\\.\\d\\d s; 3 dumps, \\d+\\.\\d MB in all, taken in \\d+\\.\\d\\d s, "
                        + "analysed in \\d+\\.\\d\\d s");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTestThatThrowsFailsWithItsOwnExceptionAndTakesNoDump() throws IOException {
        ThrowingTest.runs = 0;

        Events tests = run(selectClass(ThrowingTest.class));

        assertThat(onlyFailure(tests))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the body's own failure in run 5");
        assertThat(ThrowingTest.runs).isEqualTo(5);
        assertThat(tests.reportingEntryPublished().count()).isZero();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void noIterationsIsAConfigurationErrorAndTheBodyNeverRuns() {
        MisconfiguredTest.runs = 0;

        Throwable failure = onlyFailure(run(selectMethod(MisconfiguredTest.class, "noIterations")));

        assertThat(failure)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@LeakTest iterations must be 1 or more, was 0");
        assertThat(MisconfiguredTest.runs).isZero();
    }

    @Test
    void aNegativeWarmupIsAConfigurationError() {
        MisconfiguredTest.runs = 0;

        Throwable failure = onlyFailure(run(selectMethod(MisconfiguredTest.class, "negativeWarmup")));

        assertThat(failure)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@LeakTest warmup must be 0 or more, was -1");
        assertThat(MisconfiguredTest.runs).isZero();
    }

    @Test
    void anAllowedGrowthThatIsNoSizeIsAConfigurationError() {
        Throwable failure = onlyFailure(run(selectMethod(MisconfiguredTest.class, "allowedGrowthIsNoSize")));

        assertThat(failure)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@LeakTest allowedGrowth: not a size: 'a lot' (try 512m, 512MB or 1.5GiB)");
    }

    @Test
    void growthThroughAnIgnoredPackageIsNoLeakAndIsSaid() {
        Events tests = run(selectClass(IgnoringTest.class));

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entry(tests, LeakTestExtension.PASSED_ENTRY))
                .startsWith("byte[] objects accumulate in FrameworkCache.SEEN: +");
    }

    @Test
    void growthWithinTheAllowanceIsNoLeakAndIsSaid() {
        Events tests = run(selectClass(AllowedGrowthTest.class));

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entry(tests, LeakTestExtension.PASSED_ENTRY))
                .startsWith("byte[] objects accumulate in AllowedGrowthTest.KEPT: +");
    }

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selector)
                .execute()
                .testEvents();
    }

    private static Throwable onlyFailure(Events tests) {
        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Event finished = tests.finished().list().get(0);
        return finished.getPayload(TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
    }

    private static Path reportOf(Events tests) {
        return Path.of(entry(tests, LeakTestExtension.REPORT_ENTRY));
    }

    private static String figuresOf(Events tests) {
        return entry(tests, LeakTestExtension.FIGURES_ENTRY);
    }

    private static String entry(Events tests, String key) {
        return tests.reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class)
                        .getKeyValuePairs()
                        .get(key))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no report entry " + key));
    }

    /**
     * What is left of a leak test once it is over: nothing in its dump folder, and none of the analyzer's scratch
     * folders ({@code leakprobe-*}) in {@code java.io.tmpdir}, which surefire makes this module's own.
     */
    private List<Path> leftovers() throws IOException {
        List<Path> left = new java.util.ArrayList<>();
        Path temp = dir.resolve("tmp");
        if (Files.exists(temp)) {
            try (Stream<Path> files = Files.walk(temp)) {
                files.filter(p -> !p.equals(temp)).forEach(left::add);
            }
        }
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            files.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("leakprobe-"))
                    .forEach(left::add);
        }
        return left;
    }
}
