package dev.leakprobe.analyzer.report;

import dev.leakprobe.format.files.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where the JSON and HTML reports go and how they are written: whole or not at all (a reader never sees half a
 * report), readable as the user's umask says (reports are for sharing), and under default names that two runs in
 * the same second never share: {@code reports/leakprobe-diff-20261126-050000.json}, then {@code ...-050000-2.json}.
 * A name the user gives is written as {@link ReportTarget} says: only a regular file of ours is ever replaced.
 */
public final class ReportFiles {

    /** The name {@code -}: the report goes to standard output. */
    public static final Path STDOUT = ReportTarget.STDOUT;

    /** Where reports go by default, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of("reports");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_TRIES = 10_000;

    /** Where the two reports were written; {@code html} is {@code null} when its content could not be made. */
    public record Written(Path json, Path html) {}

    private ReportFiles() {}

    /**
     * @param dir where reports with default names go
     * @param json {@code null} for the default name
     * @param html {@code null} for the default name
     * @param htmlContent {@code null} when the page could not be rendered (the JSON is still written)
     */
    public static Written write(
            Path dir, Path json, Path html, String kind, Instant now, byte[] jsonContent, byte[] htmlContent)
            throws IOException {
        return write(dir, json, html, kind, now, jsonContent, htmlContent, System.out);
    }

    /**
     * As above; a given name {@code -} ({@link #STDOUT}) writes that report to {@code stdout}.
     *
     * @throws ReportWriteException when a report cannot be written (a full disk, a folder in the way), naming it
     */
    public static Written write(
            Path dir,
            Path json,
            Path html,
            String kind,
            Instant now,
            byte[] jsonContent,
            byte[] htmlContent,
            OutputStream stdout)
            throws IOException {
        if (json == null || html == null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ReportWriteException(dir, e);
            }
        }
        String stamp = "leakprobe-" + kind + "-" + STAMP.format(now);
        for (int n = 1; n <= MAX_TRIES; n++) {
            String base = stamp + (n == 1 ? "" : "-" + n);
            Path jsonOut = json != null ? json : dir.resolve(base + ".json");
            Path htmlOut = html != null ? html : dir.resolve(base + ".html");
            // A default name is taken by writing it only if absent; both default names, or the next base.
            if (json == null && !claim(jsonOut, jsonContent)) {
                continue;
            }
            if (html == null && htmlContent != null && !claim(htmlOut, htmlContent)) {
                if (json == null) {
                    Files.deleteIfExists(jsonOut);
                }
                continue;
            }
            if (json != null) {
                ReportTarget.write(json, jsonContent, stdout);
            }
            if (html != null && htmlContent != null) {
                ReportTarget.write(html, htmlContent, stdout);
            }
            return new Written(jsonOut, htmlContent == null ? null : htmlOut);
        }
        throw new IOException("no free report name in " + dir + " for " + stamp);
    }

    private static boolean claim(Path target, byte[] content) throws IOException {
        try {
            return PrivateFiles.writeSharedIfAbsent(target, out -> out.write(content));
        } catch (IOException e) {
            throw new ReportWriteException(target, e);
        }
    }
}
