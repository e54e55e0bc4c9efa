package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.DumpFacts;
import dev.leakprobe.analyzer.diff.OffHeapTable;
import dev.leakprobe.analyzer.diff.Timeline;
import dev.leakprobe.format.schema.RssParts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 10: a diff with no suspect whose ledger grew outside the heap says so, in the terminal and the
 * JSON (and so the page), and is a leak; the same words never come for a ledger whose {@code unexplained} part only
 * jumped because the heap was given back. The rows are the demo's, as measured (MB: rss, heap committed,
 * unexplained; a row every 2 s, dumps at 6, 14 and 22 s).
 */
class NativeGrowthVerdictTest {

    private static final long MB = 1 << 20;

    /** {@code ./demo.sh --mode native}: Inflaters never ended, heap touched in full from the start. */
    private static final long[][] NATIVE = {
        {147, 64, 36},
        {156, 64, 44},
        {169, 64, 57},
        {179, 64, 66},
        {188, 64, 73},
        {195, 64, 80},
        {203, 64, 88},
        {212, 64, 98},
        {217, 64, 102},
        {224, 64, 110},
        {229, 64, 114}
    };

    /** {@code ./demo.sh --mode fixed}: the first live dump's GC gives 229 MB of heap back. */
    private static final long[][] FIXED = {
        {123, 256, -179}, {131, 256, -172}, {137, 256, -168}, {137, 256, -168}, {110, 27, 32}, {113, 27, 35},
        {115, 27, 37}, {111, 27, 34}, {113, 27, 36}, {114, 27, 36}, {114, 27, 36}, {114, 27, 36}
    };

    @Test
    void nativeGrowthThatNoSuspectExplainsIsTheVerdict() throws Exception {
        Analysis analysis = diffWithLedger(NATIVE);

        assertThat(analysis.leak()).isTrue();
        assertThat(Wording.verdictLine(analysis))
                .isEqualTo("LEAK SUSPECTED: rss grew +60.0 MB over 3 dumps (169 MB → 229 MB), +57.0 MB of it"
                        + " outside the heap, unexplained by heap, direct or mapped buffers: native memory, see the"
                        + " ledger");
        JsonNode verdict =
                JsonReport.tree(ReportDocument.of(analysis, 10, Instant.EPOCH)).path("verdict");
        assertThat(verdict.path("leak").asBoolean()).isTrue();
        assertThat(verdict.path("headline").asText()).contains("native memory, see the ledger");
        assertThat(verdict.path("nativeGrowth").path("outsideHeap").asLong()).isEqualTo(57 * MB);
        assertThat(terminal(analysis)).contains("LEAK SUSPECTED: rss grew +60.0 MB");
    }

    @Test
    void heapGivenBackRaisesUnexplainedButRssFellSoMemoryLooksBounded() throws Exception {
        Analysis analysis = diffWithLedger(FIXED);

        assertThat(analysis.leak()).isFalse();
        assertThat(Wording.verdictLine(analysis))
                .isEqualTo("No leak suspect. No accumulation found over 3 dumps: memory looks bounded");
        JsonNode verdict =
                JsonReport.tree(ReportDocument.of(analysis, 10, Instant.EPOCH)).path("verdict");
        assertThat(verdict.has("nativeGrowth")).isFalse();
    }

    @Test
    void aFewMegabytesOfRssNoiseAreNoNativeGrowth() {
        long[][] noise = {{110, 27, 32}, {113, 27, 35}, {115, 27, 37}, {111, 27, 34}, {116, 27, 38}, {114, 27, 36}};

        assertThat(diffWithLedger(noise).leak()).isFalse();
    }

    @Test
    void anAnalyzeOfOneDumpNeverJudgesTheLedger() {
        Analysis diff = diffWithLedger(NATIVE);
        Analysis analyze = new Analysis(
                Analysis.Kind.ANALYZE, diff.dumps(), List.of(), List.of(), List.of(), diff.offHeap(), diff.metrics());

        assertThat(analyze.leak()).isFalse();
    }

    private static String terminal(Analysis analysis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalReport.print(analysis, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Rows every 2 s from t=0; dumps at 6, 14 and 22 s (as the 20 s demo takes them, before a row). */
    private static Analysis diffWithLedger(long[][] rows) {
        List<Timeline.Sample> samples = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            long rss = rows[i][0] * MB;
            long heap = rows[i][1] * MB;
            long unexplained = rows[i][2] * MB;
            RssParts parts = new RssParts(heap, 0, 0, 0, 0, 0, Map.of(), unexplained);
            samples.add(new Timeline.Sample(i * 2000L, heap / 2, heap, rss, 0, parts));
        }
        long[] marks = {5_500, 13_500, 21_500};
        List<DumpFacts> dumps = List.of(
                new DumpFacts("a.hprof", "t", marks[0], "signal", 7L, 10, 5, 100, 0, List.of()),
                new DumpFacts("b.hprof", "t", marks[1], "signal", 7L, 10, 5, 100, 0, List.of()),
                new DumpFacts("c.hprof", "t", marks[2], "signal", 7L, 10, 5, 100, 0, List.of()));
        return new Analysis(
                Analysis.Kind.DIFF,
                dumps,
                List.of(),
                List.of(),
                List.of(),
                new OffHeapTable(new long[3], new long[3], List.of()),
                new Timeline(samples, marks));
    }
}
