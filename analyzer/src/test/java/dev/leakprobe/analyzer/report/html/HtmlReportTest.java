package dev.leakprobe.analyzer.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    static final String CLOSE_SCRIPT = "</script><script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void hostileStringsFromTheDumpCannotAddMarkup() throws IOException {
        JsonNode report = hostileReport();

        String html = write(report);

        // Our two script elements (the data and the code) and nothing else.
        assertThat(count(html, "<script")).isEqualTo(2);
        assertThat(count(html, "</script")).isEqualTo(2);
        assertThat(html.toLowerCase()).doesNotContain("<img", "<!--", "<svg", "<iframe");
        assertThat(html).doesNotContain("\u2028", "\u2029");
        assertThat(html).doesNotContain(CLOSE_SCRIPT, IMG);
    }

    @Test
    void embeddedDataParsesBackToTheSameReport() throws IOException {
        JsonNode report = hostileReport();

        String data = embeddedData(write(report));

        assertThat(data).doesNotContain("<", ">", "&");
        assertThat(data).contains("\\u003c/script\\u003e", "\\u003cimg src=x onerror=alert(1)\\u003e", "\\u2028");
        assertThat(JSON.readTree(data)).isEqualTo(report);
    }

    @Test
    void headlineIsRenderedEscapedForReadersWithoutJavaScript() throws IOException {
        String html = write(hostileReport());

        String escaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;";
        assertThat(html).contains("<h1 id=\"headline\">" + escaped + " &amp; &quot;more&quot;</h1>");
        assertThat(html).contains("<title>Leak: " + escaped);
        assertThat(html).contains("class=\"verdict leak\"", "Leak suspected");
    }

    @Test
    void aPlaceholderInsideTheDataStaysText() throws IOException {
        ObjectNode report = (ObjectNode) fixture("diff-3-dumps.json");
        ((ObjectNode) report.get("verdict")).put("headline", "{{js}} {{data}}");

        String html = write(report);

        assertThat(html).contains("<h1 id=\"headline\">{{js}} {{data}}</h1>");
        assertThat(count(html, "'use strict'")).isEqualTo(1);
    }

    @Test
    void pageIsSelfContainedAndOnlyOurScriptAndStyleMayRun() throws IOException {
        String html = write(fixture("diff-3-dumps.json"));

        // The fixture's hostile strings hold "src=" as data; the markup around them must hold no reference.
        // The SVG namespace name is an identifier, never fetched.
        String markup = html.replace(embeddedData(html), "").replace("'http://www.w3.org/2000/svg'", "");
        assertThat(markup).doesNotContain("{{", "<link", "src=", "href=", "url(", "@import", "http:", "https:");
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        assertThat(html)
                .contains("content=\"default-src 'none'; script-src '" + sha256(script) + "'; style-src '"
                        + sha256(style) + "'\"");
    }

    @Test
    void scriptNeverParsesStringsAsHtml() throws IOException {
        String js = resource("report.js");

        assertThat(js)
                .doesNotContain(
                        "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
        assertThat(js).contains("createTextNode");
    }

    @Test
    void writeCreatesMissingFoldersAndUtf8() throws IOException {
        ObjectNode report = (ObjectNode) fixture("analyze-1-dump.json");
        ((ObjectNode) report.get("verdict")).put("headline", "Größte Objekte — ok");
        Path out = dir.resolve("reports/nested/report.html");

        HtmlReport.write(report, out);

        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .contains("<meta charset=\"utf-8\">", "Größte Objekte — ok", "class=\"verdict ok\"", "No leak found");
    }

    @Test
    void reportWithoutVerdictStillSaysSomething() throws IOException {
        String html = write(JSON.readTree("{\"kind\":\"analyze\"}"));

        assertThat(html).contains("<h1 id=\"headline\">No leak found</h1>", "class=\"verdict ok\"");
    }

    @Test
    void escapesForHtmlAndForScript() {
        assertThat(Html.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assertThat(Html.escapeJsonForScript("\"</script>&\u2028\u2029\""))
                .isEqualTo("\"\\u003c/script\\u003e\\u0026\\u2028\\u2029\"");
    }

    /** Hostile strings wherever a dump puts a string: class names, field names, labels, frames, the headline. */
    private static JsonNode hostileReport() throws IOException {
        ObjectNode report = (ObjectNode) fixture("diff-3-dumps.json");
        ((ObjectNode) report.get("verdict")).put("headline", CLOSE_SCRIPT + " " + IMG + " & \"more\"");
        ObjectNode suspect = (ObjectNode) report.get("suspects").get(0);
        suspect.put("className", IMG);
        suspect.put("description", "line\u2028separator\u2029paragraph <!-- comment");
        ObjectNode step = (ObjectNode) suspect.get("path").get(2);
        step.put("field", CLOSE_SCRIPT);
        step.put("className", IMG);
        ((ObjectNode) suspect.get("accumulationPoint")).put("field", IMG);
        ((ArrayNode) suspect.get("allocationSites").get(0).get("frames")).add(CLOSE_SCRIPT);
        ((ObjectNode) report.get("classes").get(0)).put("className", CLOSE_SCRIPT);
        return report;
    }

    private String write(JsonNode report) throws IOException {
        Path out = dir.resolve("report.html");
        HtmlReport.write(report, out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(resource(name));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReportTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String embeddedData(String html) {
        return between(html, "<script type=\"application/json\" id=\"leakprobe-data\">", "</script>");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static int count(String text, String needle) {
        Matcher m =
                Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String sha256(String text) {
        try {
            return "sha256-"
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
