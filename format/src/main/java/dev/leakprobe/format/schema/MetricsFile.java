package dev.leakprobe.format.schema;

import dev.leakprobe.format.FileNames;
import dev.leakprobe.format.json.JsonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code <dir>/metrics.jsonl}: one {@link MemoryFigures} row a line, appended by the agent. */
public final class MetricsFile {

    private MetricsFile() {}

    public static Path in(Path dir) {
        return dir.resolve(FileNames.METRICS);
    }

    /** The rows; a line that is no row (the torn last line of a killed JVM) is skipped. */
    public static List<MemoryFigures> read(Path file) throws IOException {
        List<MemoryFigures> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(MemoryFigures.parse(line));
                } catch (JsonException e) {
                    // Not a row: skipped.
                }
            }
        }
        return rows;
    }

    public static String line(MemoryFigures row) {
        return row.toJsonLine() + "\n";
    }
}
