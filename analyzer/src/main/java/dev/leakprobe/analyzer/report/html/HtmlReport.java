package dev.leakprobe.analyzer.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Writes the self-contained HTML page of a report: inline CSS and JS, nothing fetched from the network.
 *
 * <p>The page renders the report JSON (the format in DEVELOPERS.md) that is embedded in it as
 * {@code <script type="application/json" id="leakprobe-data">}. Strings in that JSON come from heap dumps and are
 * hostile by assumption: the JSON is escaped so that no string can close the script element, the script renders
 * every string as text, and the only text rendered here (the verdict headline, for readers without JS) is
 * HTML-escaped. A Content-Security-Policy that allows only our own script and style (by hash) and no fetches at all
 * backs this up.
 */
public final class HtmlReport {

    private static final String TEMPLATE = resource("report.html");
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {}

    public static void write(JsonNode report, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] page = render(report).getBytes(StandardCharsets.UTF_8);
        PrivateFiles.writeShared(out, stream -> stream.write(page));
    }

    /** The whole page as a string. */
    public static String render(JsonNode report) throws IOException {
        JsonNode verdict = report.path("verdict");
        boolean leak = verdict.path("leak").asBoolean(false);
        String headline = verdict.path("headline").asText(leak ? "Leak suspected" : "No leak found");
        String kind = report.path("kind").asText("analyze");
        Map<String, String> values = Map.of(
                "title",
                Html.escape((leak ? "Leak: " : "") + headline + " — leakprobe " + kind),
                "verdictClass",
                leak ? "leak" : "ok",
                "verdictLabel",
                leak ? "Leak suspected" : "No leak found",
                "headline",
                Html.escape(headline),
                "csp",
                contentSecurityPolicy(),
                "css",
                CSS,
                "js",
                JS,
                "data",
                Html.escapeJsonForScript(JSON.writeValueAsString(report)));
        return Html.fill(TEMPLATE, values);
    }

    /** No fetches of any kind; only our own script and style run (a hostile inline handler would not). */
    private static String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + sha256(JS) + "'; style-src '" + sha256(CSS) + "'";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
