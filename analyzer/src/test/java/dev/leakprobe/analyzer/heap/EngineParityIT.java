package dev.leakprobe.analyzer.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.leakprobe.analyzer.fixture.PlantedDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our engine against the MAT engine, object by object: the same objects, classes, shallow sizes, immediate dominators
 * and retained sizes, and the same class histogram, on every dump of the corpus (JDK 5 to 11) and on dumps of our own
 * planted leaks. A failure lists the differences themselves.
 */
class EngineParityIT {

    static Stream<String> corpusDumps() throws IOException {
        String root = System.getProperty("leakprobe.repo.root");
        Path corpus = root == null
                ? null
                : Path.of(root).resolve("../shared/hprof-corpus").normalize();
        if (corpus == null || !Files.isDirectory(corpus)) {
            return Stream.of("(corpus missing)");
        }
        try (Stream<Path> files = Files.list(corpus)) {
            return files
                    .map(p -> p.toString())
                    .filter(n -> n.endsWith(".hprof") || n.endsWith(".hprof.gz"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusDumps")
    void corpusDumpsAgree(String dump) throws BadDumpException {
        assumeThat(dump).as("HPROF corpus not found beside the repo: skipped").doesNotStartWith("(");
        List<String> differences = EngineParity.differences(Path.of(dump));
        assertThat(differences).as("differences from the MAT engine in " + dump).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rooms", "bounded", "direct", "sites"})
    void plantedLeakDumpsAgree(String scenario) throws BadDumpException {
        for (Path dump : PlantedDumps.of(scenario)) {
            List<String> differences = EngineParity.differences(dump);
            assertThat(differences)
                    .as("differences from the MAT engine in " + dump.getFileName())
                    .isEmpty();
        }
    }
}
