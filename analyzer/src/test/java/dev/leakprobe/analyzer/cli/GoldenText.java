package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The terminal text of a diff against a golden file: the verdict and suspect lines with sizes and digits masked, and
 * the classes that accumulate in name order (two of nearly the same growth may swap); the report paths and set-aside
 * warnings differ per run. {@code -Dleakprobe.golden.update=true} rewrites the golden.
 */
final class GoldenText {

    private static final String ACCUMULATING = "    accumulating there: ";

    private GoldenText() {}

    static void assertMatches(Path goldenDir, String scenario, String terminal) throws IOException {
        List<String> kept = terminal.lines()
                .filter(l ->
                        !l.startsWith("JSON report:") && !l.startsWith("HTML report:") && !l.startsWith("warning:"))
                .map(l -> l.replaceAll("[+-]?[0-9][0-9.,]* (B|KB|MB|GB)", "<size>")
                        .replaceAll("[0-9]+", "#"))
                .map(GoldenText::sortedAccumulation)
                .toList();
        String text = String.join("\n", kept) + "\n";
        Path golden = goldenDir.resolve(scenario + ".txt");
        if (Boolean.getBoolean("leakprobe.golden.update")) {
            Files.createDirectories(goldenDir);
            Files.writeString(golden, text);
        }
        assertThat(text).as("terminal text against " + golden).isEqualTo(Files.readString(golden));
    }

    private static String sortedAccumulation(String line) {
        if (!line.startsWith(ACCUMULATING)) {
            return line;
        }
        return ACCUMULATING
                + String.join(
                        ", ",
                        Arrays.stream(line.substring(ACCUMULATING.length()).split(", "))
                                .sorted()
                                .toList());
    }
}
