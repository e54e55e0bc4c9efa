package dev.leakprobe.analyzer.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The HTML report in a real headless Chromium: it draws without errors, sorts, and shows hostile strings as text. */
class HtmlReportIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path OUT = Path.of("target", "html-report-it");

    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertThat(new File(CHROMIUM))
                .as(CHROMIUM + " is missing: .ci/run installs it (Debian packages chromium and"
                        + " chromium-driver); the HTML report test needs a real browser")
                .canRead();
        assertThat(new File(CHROMEDRIVER))
                .as(CHROMEDRIVER + " is missing: .ci/run installs it (Debian package" + " chromium-driver)")
                .canRead();
        // Point Selenium at Debian's driver and browser so that Selenium Manager never downloads anything.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        profile = Files.createTempDirectory("leakprobe-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void diffPageDrawsWithoutErrorsAndShowsTheTopSuspectFirst() throws IOException {
        open("diff-3-dumps.json");

        assertThat(text(By.id("headline")))
                .isEqualTo("Session objects accumulate in Room.members: +48.2 MB over 3 dumps");
        WebElement top = driver.findElement(By.cssSelector("#suspects .suspect"));
        assertThat(top.findElement(By.tagName("h3")).getText())
                .contains("#1", "dev.leakprobe.demo.Session", "+48.2 MB");
        WebElement path = top.findElement(By.cssSelector("ol.path"));
        assertThat(path.isDisplayed()).isTrue();
        List<String> steps = path.findElements(By.tagName("li")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(steps).hasSize(8);
        assertThat(steps.get(0)).contains("dev.leakprobe.demo.ChatServer.rooms", "GC root: Java local");
        assertThat(steps.get(2)).isEqualTo("java.util.HashMap$Node[]"); // an array element needs no field
        // The accumulation point is where the verdict says things accumulate: Room.members, not the list's plumbing.
        assertThat(steps.get(4)).contains("dev.leakprobe.demo.Room.members", "accumulation point");
        assertThat(steps.get(5)).contains("java.util.ArrayList.elementData").doesNotContain("accumulation point");
        assertThat(path.findElements(By.cssSelector("li.accumulation"))).hasSize(1);
        assertThat(steps.get(7)).contains("dev.leakprobe.demo.Session ×15,000");
        assertThat(top.getText())
                .contains(
                        "Accumulates in Room.members",
                        "grew in 2 of 2 intervals",
                        "93% of samples",
                        "dev.leakprobe.demo.ChatServer.accept(ChatServer.java:120)");
        assertThat(driver.findElement(By.cssSelector("#suspects .suspect:nth-of-type(2)"))
                        .getText())
                .contains("java.nio.DirectByteBuffer", "+16.2 MB", "20.0 MB live in 2,560 buffers");
        assertThat(driver.findElements(By.cssSelector("#dumps tbody tr"))).hasSize(3);
        assertNoBrowserErrors();
    }

    @Test
    void clickingAColumnHeaderSortsTheClassTableAndAgainReverses() throws IOException {
        JsonNode report = open("diff-3-dumps.json");
        List<String> byRetainedDelta = classNamesSortedBy(report, "retainedDelta", -1);
        assertThat(classColumn()).isEqualTo(byRetainedDelta);
        assertThat(header("Retained Delta").getAttribute("aria-sort")).isEqualTo("descending");

        header("Count #3").click();
        List<String> byLastCount = classNamesSortedBy(report, "count", -1);
        assertThat(byLastCount).isNotEqualTo(byRetainedDelta);
        assertThat(classColumn()).isEqualTo(byLastCount);
        assertThat(header("Count #3").getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(header("Retained Delta").getAttribute("aria-sort")).isEqualTo("none");

        header("Count #3").click();
        assertThat(classColumn()).isEqualTo(reversed(byLastCount));
        assertThat(header("Count #3").getAttribute("aria-sort")).isEqualTo("ascending");

        driver.findElement(By.cssSelector("#classes input[type=search]")).sendKeys("leakprobe.demo");
        assertThat(classColumn()).containsExactly("dev.leakprobe.demo.Room", "dev.leakprobe.demo.Session");
        assertNoBrowserErrors();
    }

    @Test
    void hostileStringsShowAsTextAndRunNothing() throws IOException {
        open("diff-3-dumps.json");

        assertThat(classColumn()).contains("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>");
        assertThat(text(By.id("dumps"))).contains("⚠ class <img src=x onerror=alert(1)> had an unreadable field");
        assertThat(text(By.id("suspects"))).contains("<img src=x onerror=alert(1)>.frame(Evil.java:1)");
        assertThat(js("return document.querySelectorAll('img').length")).isEqualTo(0L);
        assertThat(js("return document.scripts.length")).isEqualTo(2L);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertNoBrowserErrors();
    }

    @Test
    void chartOfRowsWithoutHeapAfterGcDrawsHeapUsedAndSaysSoWithOneMarkPerDump() throws IOException {
        open("diff-3-dumps.json");

        WebElement chart = driver.findElement(By.cssSelector("#timeline svg.chart[data-panel=memory]"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.findElements(By.cssSelector(".dump-mark"))).hasSize(3);
        assertThat(chart.findElements(By.cssSelector("path.line"))).hasSize(2);
        assertThat(chart.findElements(By.cssSelector("path.l-heapAfterGc"))).isEmpty();
        assertThat(text(By.cssSelector("#timeline .legend")))
                .contains("rss (resident, from the OS)", "heap used (garbage included)", "heap dump");
        assertThat(text(By.id("timeline"))).contains("no heap-after-GC figure");
        assertThat(chart.findElements(By.cssSelector("text.axis")).stream().map(WebElement::getText))
                .anyMatch(label -> label.endsWith(" MB"));
        // The marks sit in time order, left to right.
        List<Double> xs = chart.findElements(By.cssSelector(".dump-mark line")).stream()
                .map(line -> Double.parseDouble(line.getAttribute("x1")))
                .toList();
        assertThat(xs).isSorted().doesNotHaveDuplicates();
        // Direct buffers (2 to 4 MB beside a 140 MB rss) get a panel of their own scale.
        WebElement offHeap = driver.findElement(By.cssSelector("#timeline svg.chart[data-panel=offheap]"));
        assertThat(offHeap.findElements(By.cssSelector("path.l-directUsed"))).hasSize(1);
        assertThat(offHeap.findElements(By.cssSelector(".dump-mark"))).hasSize(3);

        new Actions(driver).moveToElement(chart).perform();
        assertThat(text(By.cssSelector("#timeline .readout"))).contains("UTC — rss ", "direct ");
        assertNoBrowserErrors();
    }

    /**
     * Issue 12, item 3: a native leak in the memory ledger. Rss grows by 1 MB a sample (from 126 MB) while every part but
     * "unexplained" stays flat, and the first row is an older one without the ledger.
     */
    @Test
    void theLedgerIsDrawnAsStackedAreasAndTheUnexplainedBandIsTheOneThatGrows() throws IOException {
        ObjectNode report = (ObjectNode) HtmlReportTest.fixture("diff-3-dumps.json");
        ArrayNode samples = (ArrayNode) report.path("metrics").path("samples");
        long mb = 1 << 20;
        for (int i = 1; i < samples.size(); i++) {
            ObjectNode sample = (ObjectNode) samples.get(i);
            long rss = 125 * mb + i * mb;
            sample.put("rss", rss);
            ObjectNode parts = sample.putObject("rssParts");
            parts.put("heapCommitted", 64 * mb)
                    .put("metaspace", 20 * mb)
                    .put("codeCache", 8 * mb)
                    .put("threadStacks", 18 * mb)
                    .put("direct", 2 * mb)
                    .put("mapped", 0);
            parts.putObject("nmt").put("GC", 10 * mb).put("Symbol", 2 * mb);
            parts.put("unexplained", rss - 124 * mb);
        }
        openPage(report, "ledger.html");

        WebElement chart = driver.findElement(By.cssSelector("#timeline svg.chart[data-panel=memory]"));
        List<WebElement> areas = chart.findElements(By.cssSelector("path.area"));
        assertThat(areas).hasSize(9);
        assertThat(text(By.cssSelector("#timeline .legend.parts")))
                .contains(
                        "heap (committed)",
                        "metaspace",
                        "code cache",
                        "thread stacks",
                        "direct",
                        "mapped",
                        "other JVM (NMT)",
                        "unexplained");
        // Heights in the SVG's own units: the unexplained band widens to the right, the heap's band does not.
        assertThat(bandHeight(areas.get(8), 1)).isLessThan(bandHeight(areas.get(8), samples.size() - 1) / 4);
        assertThat(bandHeight(areas.get(0), 1))
                .isCloseTo(bandHeight(areas.get(0), samples.size() - 1), org.assertj.core.api.Assertions.within(0.01));

        new Actions(driver).moveToElement(chart).perform();
        assertThat(text(By.cssSelector("#timeline .readout")))
                .contains("; rss is heap 64.0 MB", "other JVM (NMT) 12.0 MB", "unexplained ");
        assertThat(text(By.tagName("body"))).doesNotContain("NaN", "undefined", "null");
        screenshot("ledger.png");
        assertNoBrowserErrors();
    }

    /**
     * Issue 20: the chart of each demo mode says what its verdict says. The fixtures are the report JSON of
     * {@code ./demo.sh --mode M} (agent with heap-after-GC and resident figures), trimmed to the top suspects and 20
     * classes. The ledger's bands never reach above rss; the figure that leaks rises (the live set, direct buffers,
     * unexplained) and, in the fixed mode, none does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"leak", "direct", "native", "fixed"})
    void theMemoryChartOfEachDemoModeAgreesWithItsVerdict(String mode) throws IOException {
        open("demo-" + mode + ".json");
        screenshot("demo-" + mode + ".png");
        Files.write(
                OUT.resolve("demo-" + mode + "-chart.png"),
                driver.findElement(By.id("timeline")).getScreenshotAs(OutputType.BYTES));

        WebElement memory = driver.findElement(By.cssSelector("#timeline svg.chart[data-panel=memory]"));
        Map<String, Double> rss = points(memory.findElement(By.cssSelector("path.l-rss")));
        List<WebElement> bands = memory.findElements(By.cssSelector("path.area"));
        assertThat(bands).hasSize(9);
        for (WebElement band : bands) {
            Map<String, Double> top = topEdge(band);
            top.forEach((x, y) -> assertThat(y)
                    .as(
                            "%s band at x=%s: SVG y grows downwards, the band must not reach above rss",
                            band.getAttribute("data-part"), x)
                    .isGreaterThanOrEqualTo(rss.get(x) - 0.2));
        }
        // Every dump's mark sits within the data: on a sample (the sidecar's figures), not past the last one.
        double lastSample =
                rss.keySet().stream().mapToDouble(Double::parseDouble).max().orElseThrow();
        for (WebElement mark : memory.findElements(By.cssSelector(".dump-mark line"))) {
            assertThat(Double.parseDouble(mark.getAttribute("x1"))).isLessThanOrEqualTo(lastSample + 0.1);
        }

        String growing = switch (mode) {
            case "leak" -> "heapAfterGc";
            case "direct" -> "directUsed";
            case "native" -> "unexplained";
            default -> null;
        };
        if (growing != null) {
            assertThat(rise(growing))
                    .as("%s of the %s mode rises", growing, mode)
                    .isGreaterThan(0.1);
        }
        // The live set stays flat where the heap does not leak, and so do direct buffers where they do not.
        if (!mode.equals("leak")) {
            assertThat(rise("heapAfterGc"))
                    .as("the live set of the %s mode stays flat", mode)
                    .isBetween(-0.05, 0.05);
        }
        if (!mode.equals("direct")) {
            assertThat(rise("directUsed"))
                    .as("direct buffers of the %s mode stay flat", mode)
                    .isBetween(-0.05, 0.05);
        }
        if (!mode.equals("fixed") && !mode.equals("leak")) {
            // An off-heap figure of a few MB gets a panel of its own scale instead of lying flat under the heap's.
            assertThat(driver.findElements(By.cssSelector("#timeline svg.chart[data-panel=offheap]")))
                    .hasSize(1);
        }
        assertThat(text(By.id("timeline"))).doesNotContain("NaN", "undefined", "null", "Infinity");
        assertNoBrowserErrors();
    }

    /**
     * How much a series grew on the page, as a share of its panel's height: last point against the first of its
     * line (higher on the page is more). 0 for a series the page does not draw.
     */
    private static double rise(String series) {
        List<WebElement> lines = driver.findElements(By.cssSelector("#timeline svg.chart path.l-" + series));
        if (lines.isEmpty()) {
            return 0;
        }
        WebElement line = lines.get(0);
        List<Double> ys = new ArrayList<>(points(line).values());
        WebElement chart = line.findElement(By.xpath(".."));
        double height = Double.parseDouble(chart.getDomAttribute("viewBox").split(" ")[3]) - 50; // less the margins
        return (ys.get(0) - ys.get(ys.size() - 1)) / height;
    }

    /** The points of a line, x (as drawn) → y, in order. */
    private static Map<String, Double> points(WebElement line) {
        Map<String, Double> points = new java.util.LinkedHashMap<>();
        for (String point : line.getAttribute("d").substring(1).split("[LM]")) {
            String[] xy = point.split(",");
            points.put(xy[0], Double.parseDouble(xy[1]));
        }
        return points;
    }

    /** A band's top edge, x → y: its path goes along its top, then back along its bottom, once per run. */
    private static Map<String, Double> topEdge(WebElement band) {
        Map<String, Double> top = new java.util.LinkedHashMap<>();
        for (String run : band.getAttribute("d").split("M")) {
            if (run.isBlank()) {
                continue;
            }
            String[] points = run.replace("Z", "").split("L");
            for (int i = 0; i < points.length / 2; i++) {
                String[] xy = points[i].split(",");
                top.put(xy[0], Double.parseDouble(xy[1]));
            }
        }
        return top;
    }

    /**
     * Issue 20, item 5: on a narrow window, class names wrap between identifiers (after a dot or a $), never inside
     * one ("InetSocketA / ddressHolder").
     */
    @Test
    void classNamesWrapBetweenIdentifiersNeverInsideOne() throws IOException {
        ObjectNode report = (ObjectNode) HtmlReportTest.fixture("diff-3-dumps.json");
        ObjectNode row = ((ArrayNode) report.path("classes")).addObject();
        row.put("className", "java.net.InetSocketAddress$InetSocketAddressHolderWithAVeryLongNameIndeed[]");
        row.putArray("count").add(1).add(2).add(3);
        row.put("retainedDelta", 1L << 40); // sorts first
        Path page = OUT.resolve("narrow.html").toAbsolutePath();
        HtmlReport.write(report, page);
        driver.manage().window().setSize(new Dimension(420, 900));
        driver.get(page.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));

        // Every piece between two break chances is one text node: it must lie on one line (one client rect).
        Object broken = js("""
                const out = [];
                for (const cls of document.querySelectorAll('#classes-table .cls')) {
                  const walker = document.createTreeWalker(cls, NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(n);
                    if (range.getClientRects().length > 1) out.push(n.textContent);
                  }
                }
                return out;""");
        assertThat((List<?>) broken).isEmpty();
        Object lines = js(
                "const r = document.createRange(); r.selectNodeContents(document.querySelector('#classes-table .cls'));"
                        + " return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size");
        assertThat((Long) lines)
                .as("the long name does wrap, between its identifiers")
                .isGreaterThan(1L);
        assertNoBrowserErrors();
    }

    /** A band's height at its {@code i}-th point: the path goes along its top, then back along its bottom. */
    private static double bandHeight(WebElement area, int i) {
        String[] points = area.getAttribute("d").replace("Z", "").substring(1).split("L");
        int n = points.length / 2;
        double top = Double.parseDouble(points[i - 1].split(",")[1]); // the run starts at sample 1
        double bottom = Double.parseDouble(points[2 * n - i].split(",")[1]);
        return bottom - top;
    }

    @Test
    void analyzePageOfOneDumpDrawsWithoutErrors() throws IOException {
        open("analyze-1-dump.json");

        assertThat(text(By.id("headline"))).startsWith("No object holds a large share");
        assertThat(text(By.cssSelector("#verdict .badge"))).isEqualTo("No leak found");
        assertThat(text(By.id("suspects"))).contains("No suspect");
        assertThat(driver.findElements(By.cssSelector("#dominators tbody tr"))).hasSize(3);
        assertThat(text(By.id("dominators")))
                .contains(
                        "dev.leakprobe.demo.ChatServer @ 0x7f0012a8", "24.3 MB", "<img src=x onerror=alert(1)> @ 0x1");
        assertThat(text(By.id("offheap"))).contains("Direct buffers", "4.00 MB");
        assertThat(driver.findElement(By.id("timeline")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#classes thead th"))).hasSize(4);
        assertThat(js("return document.querySelectorAll('img').length")).isEqualTo(0L);
        assertNoBrowserErrors();
    }

    @Test
    void darkSchemeChangesTheColoursAndScreenshotsAreWritten() throws IOException {
        open("diff-3-dumps.json");
        String light = (String) js("return getComputedStyle(document.body).backgroundColor");
        screenshot("diff-light.png");
        open("analyze-1-dump.json");
        screenshot("analyze-light.png");

        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            open("diff-3-dumps.json");
            assertThat(js("return getComputedStyle(document.body).backgroundColor"))
                    .isNotEqualTo(light);
            screenshot("diff-dark.png");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
        assertThat(OUT.resolve("diff-light.png")).isNotEmptyFile();
        assertNoBrowserErrors();
    }

    @Test
    void missingAndNullFieldsStillDraw() throws IOException {
        // What an analyzer still being written may produce: nulls, missing arrays, a path without fields.
        String json = """
                {"tool":"leakprobe","kind":"diff","verdict":{"leak":true,"headline":"partial"},
                 "dumps":[{"file":"a.hprof"},{"file":"b.hprof","warnings":null}],
                 "classes":[{"className":null,"count":[1,null]},{"className":"B","count":null,"retainedDelta":5}],
                 "suspects":[{"className":"A","accumulationPoint":null,"path":[{"className":"A","field":null}],
                              "count":[1,null],"steadiness":null,"allocationSites":null}],
                 "offHeap":{"direct":[0,0]},
                 "metrics":{"samples":[{"epochMillis":1795669200000,"heapUsed":null,"rss":null}]}}
                """;
        openPage(HtmlReportTest.JSON.readTree(json), "partial.html");

        assertThat(text(By.id("headline"))).isEqualTo("partial");
        assertThat(text(By.cssSelector("#suspects .suspect h3"))).contains("A");
        assertThat(driver.findElements(By.cssSelector("#classes-table tbody tr")))
                .hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#timeline svg.chart"))).hasSize(1);
        assertThat(text(By.tagName("body"))).doesNotContain("NaN", "undefined", "null", "Infinity");
        assertNoBrowserErrors();
    }

    /** Writes the fixture's page with HtmlReport and opens it; returns the fixture. */
    private static JsonNode open(String fixture) throws IOException {
        JsonNode report = HtmlReportTest.fixture(fixture);
        openPage(report, fixture.replace(".json", ".html"));
        return report;
    }

    private static void openPage(JsonNode report, String name) throws IOException {
        Path page = OUT.resolve(name).toAbsolutePath();
        HtmlReport.write(report, page);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(page.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));
    }

    private static void assertNoBrowserErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        assertThat(severe).as("console errors and uncaught exceptions").isEmpty();
        assertThat(driver.findElements(By.cssSelector(".error")))
                .as("sections that failed to draw")
                .isEmpty();
    }

    /** Full-page screenshot for a person to look at (target/html-report-it/). */
    private static void screenshot(String name) throws IOException {
        long height = (Long) js("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 140, 6000)));
        Files.write(OUT.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> classColumn() {
        return driver.findElements(By.cssSelector("#classes-table tbody tr td:first-child")).stream()
                .map(td -> (String) js("return arguments[0].textContent", td))
                .toList();
    }

    private static WebElement header(String label) {
        return driver.findElements(By.cssSelector("#classes-table thead th")).stream()
                .filter(th ->
                        th.getText().replace("▲", "").replace("▼", "").trim().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no column " + label));
    }

    /** Class names of the fixture sorted by a number (the last dump's figure of a per-dump array). */
    private static List<String> classNamesSortedBy(JsonNode report, String key, int direction) {
        return StreamSupport.stream(report.get("classes").spliterator(), false)
                .sorted(Comparator.comparingLong((JsonNode c) -> {
                    JsonNode v = c.get(key);
                    return direction * (v.isArray() ? v.get(v.size() - 1) : v).asLong();
                }))
                .map(c -> c.get("className").asText())
                .toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String text(By by) {
        return driver.findElement(by).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
