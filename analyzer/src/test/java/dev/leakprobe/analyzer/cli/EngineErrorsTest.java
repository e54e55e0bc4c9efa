package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.analyzer.heap.hprof.HprofWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, item 15: engine errors reached the user in the engine's words: MAT's {@code NegativeArraySizeException}
 * as "-9", a {@code NullPointerException}'s sentence about MAT's variables, "See FAQ". Damaged dumps that make MAT
 * fail so: each engine says one line of ours.
 */
class EngineErrorsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mat", "leakprobe"})
    void aDumpWithoutAHeapDumpSegment(String engine) throws IOException {
        // The header alone: MAT says "Parser found 0 HPROF dumps in file ... See FAQ."
        ByteBuffer header = ByteBuffer.allocate(31);
        header.put("JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII))
                .putInt(8)
                .putLong(0);
        assertOurOneLine(engine, Files.write(dir.resolve("empty.hprof"), header.array()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mat", "leakprobe"})
    void anInstanceOfAClassTheDumpDoesNotDefine(String engine) throws IOException {
        // MAT: "Cannot invoke "org.eclipse.mat.parser.model.ClassImpl.hasSuperClass()" because ..."
        HprofWriter w = new HprofWriter();
        long holder = w.defineClass("app.Holder", w.objectClass, "item");
        w.jniGlobalRoot(w.instance(holder, w.instance(0xdead_beefL)));
        assertOurOneLine(engine, w.write(dir.resolve("undefined.hprof")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mat", "leakprobe"})
    void anArrayOfNegativeLength(String engine) throws IOException {
        // MAT: NegativeArraySizeException, whose whole text is the length.
        HprofWriter w = new HprofWriter();
        long arrayClass = w.defineClass("java.lang.Object[]", w.objectClass);
        w.jniGlobalRoot(w.objectArrayClaiming(-9, arrayClass));
        assertOurOneLine(engine, w.write(dir.resolve("negative.hprof")));
    }

    private void assertOurOneLine(String engine, Path dump) {
        Cli.Result result = Cli.run(
                "analyze",
                "-q",
                "--no-cache",
                "--engine",
                engine,
                dump.toString(),
                "--json",
                dir.resolve("r.json").toString(),
                "--html",
                dir.resolve("r.html").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.err().strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("leakprobe: " + dump.getFileName() + ": ")
                .doesNotContainIgnoringCase("FAQ")
                .doesNotContain("Cannot invoke", "because", "org.eclipse", "java.lang.", "Exception:", "-9")
                .doesNotMatch(".*: -?\\d+$");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }
}
