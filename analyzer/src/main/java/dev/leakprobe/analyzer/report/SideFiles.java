package dev.leakprobe.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakprobe.format.FileNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's files that sit beside dumps: {@code <dump>.direct-sites.json}, {@code <dump>.alloc-sites.json} and
 * {@code metrics.jsonl}. Missing or unreadable ones are simply absent: they add detail, the report stands without.
 */
final class SideFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SideFiles() {}

    static Optional<JsonNode> directSites(Path dump) {
        return readBeside(dump, FileNames.DIRECT_SITES_SUFFIX);
    }

    static Optional<JsonNode> allocSites(Path dump) {
        return readBeside(dump, FileNames.ALLOC_SITES_SUFFIX);
    }

    private static Optional<JsonNode> readBeside(Path dump, String suffix) {
        String name = dump.getFileName().toString();
        List<Path> candidates = new ArrayList<>(List.of(dump.resolveSibling(name + suffix)));
        if (name.endsWith(".gz")) {
            candidates.add(dump.resolveSibling(name.substring(0, name.length() - 3) + suffix));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return Optional.of(JSON.readTree(p.toFile()));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Rows of {@code metrics.jsonl} beside the dump; bad lines (a row being written, say) are skipped. */
    static Optional<List<JsonNode>> metrics(Path dump) {
        Path dir = dump.toAbsolutePath().getParent();
        Path file = dir == null ? null : dir.resolve(FileNames.METRICS);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode row = JSON.readTree(line);
                    if (row.isObject() && row.has("epochMillis")) {
                        rows.add(row);
                    }
                } catch (IOException e) {
                    // A torn last line: skip it.
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(rows);
    }
}
