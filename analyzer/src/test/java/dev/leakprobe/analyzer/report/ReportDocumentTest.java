package dev.leakprobe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.diff.AccumulationPoint;
import dev.leakprobe.analyzer.diff.AllocationSite;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.DumpFacts;
import dev.leakprobe.analyzer.diff.Finding;
import dev.leakprobe.analyzer.diff.OffHeapTable;
import dev.leakprobe.analyzer.diff.PathStep;
import dev.leakprobe.analyzer.diff.Steadiness;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.summary.DominatorEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report JSON is the Jackson binding of the model plus words, in the shape DEVELOPERS.md documents. */
class ReportDocumentTest {

    private static final Suspect SESSIONS = new Suspect(
            1,
            Finding.GROWTH,
            "app.Session",
            new AccumulationPoint("java.util.ArrayList", "members", "app.Room"),
            List.of(
                    new PathStep("app.Registry", null, "System class", true),
                    new PathStep("app.Room", "ROOMS", null, false),
                    new PathStep("app.Session", "[]", null, false)),
            "Registry.ROOMS → Room → Session ×300",
            new long[] {100, 200, 300},
            new long[] {1000, 2000, 3000},
            new long[] {0, 0, 0},
            new Steadiness(2, 2),
            List.of(new AllocationSite(List.of("app.Server.accept(Server.java:9)"), 0.75, 30)),
            List.of(),
            new Suspect.Subject("app.Session", 300, 0, 0),
            2000,
            null,
            List.of(),
            null,
            null);

    private static Analysis analysis(Analysis.Kind kind, List<Suspect> suspects) {
        List<DumpFacts> dumps = List.of(
                new DumpFacts("a.hprof", "2026-11-26T05:00:00Z", 1, "signal", 7L, 10, 5, 100, 0, List.of()),
                new DumpFacts("b.hprof", "2026-11-26T05:01:00Z", 2, null, null, 10, 5, 200, 0, List.of("truncated")),
                new DumpFacts("c.hprof", "2026-11-26T05:02:00Z", 3, null, 7L, 10, 5, 300, 0, List.of()));
        return new Analysis(
                kind,
                dumps,
                List.of(),
                suspects,
                List.of(new DominatorEntry("java.lang.String", "java.lang.String \"s3cr3t token\"", 24, 80, 0)),
                new OffHeapTable(new long[] {0, 0, 0}, new long[] {0, 0, 0}, List.of()),
                null);
    }

    @Test
    void aSuspectCarriesItsFactsItsSitesAndItsWords() {
        JsonNode json = JsonReport.tree(ReportDocument.of(
                analysis(Analysis.Kind.DIFF, List.of(SESSIONS)), 10, Instant.parse("2026-11-26T06:00:00Z")));

        assertThat(json.path("tool").asText()).isEqualTo("leakprobe");
        assertThat(json.path("kind").asText()).isEqualTo("diff");
        assertThat(json.path("verdict").path("leak").asBoolean()).isTrue();
        assertThat(json.path("verdict").path("headline").asText())
                .isEqualTo("Session objects (+200) accumulate in Room.members: +2.0 KB over 3 dumps");
        assertThat(json.has("metrics")).isFalse();
        assertThat(json.path("dumps").get(1).path("pid").isNull()).isTrue();
        assertThat(json.path("dumps").get(1).path("warnings").get(0).asText()).isEqualTo("truncated");

        JsonNode s = json.path("suspects").get(0);
        assertThat(fieldNames(s))
                .containsExactlyInAnyOrder(
                        "rank",
                        "finding",
                        "className",
                        "accumulationPoint",
                        "path",
                        "pathText",
                        "count",
                        "retained",
                        "offHeap",
                        "heapDelta",
                        "offHeapDelta",
                        "retainedDelta",
                        "allocationSites",
                        "offHeapSites",
                        "steadiness",
                        "description");
        assertThat(s.path("rank").asInt()).isEqualTo(1);
        assertThat(s.path("finding").asText()).isEqualTo("growth");
        assertThat(s.path("retainedDelta").asLong()).isEqualTo(2000);
        assertThat(s.path("steadiness").path("description").asText()).isEqualTo("grew in 2 of 2 intervals");
        assertThat(s.path("description").asText()).startsWith("300 Session objects (+200) accumulate in Room.members");
        assertThat(s.path("allocationSites").get(0).path("share").asDouble()).isEqualTo(0.75);
        assertThat(fieldNames(s.path("path").get(0))).containsExactly("className", "field", "rootKind", "classObject");
        assertThat(fieldNames(s.path("path").get(1))).containsExactly("className", "field");
        assertThat(s.path("path").get(0).get("field").isNull()).isTrue();
    }

    @Test
    void noSuspectIsSaidInWordsOfItsKind() {
        Analysis none = analysis(Analysis.Kind.DIFF, List.of());
        assertThat(Wording.verdictLine(none))
                .isEqualTo("No leak suspect. No accumulation found over 3 dumps: memory" + " looks bounded");
    }

    @Test
    void redactionDropsTheStringValuesOfLabelsAndKeepsTheirClass() throws Exception {
        Analysis redacted = Redaction.apply(analysis(Analysis.Kind.DIFF, List.of(SESSIONS)));
        String json = new String(JsonReport.bytes(ReportDocument.of(redacted, 10, Instant.EPOCH)));

        assertThat(redacted.dominators().get(0).label()).isEqualTo("java.lang.String");
        assertThat(json).doesNotContain("s3cr3t");
    }

    @Test
    void redactionDropsThreadNamesFromPathsAndHolders() throws Exception {
        Suspect timer = new Suspect(
                1,
                Finding.GROWTH,
                "app.Reminder",
                new AccumulationPoint("java.util.TaskQueue", "queue", "java.util.TimerThread"),
                List.of(
                        new PathStep("java.util.TimerThread", null, "Thread", false, "payroll-s3cr3t"),
                        new PathStep("java.util.TaskQueue", "queue", null, false),
                        new PathStep("app.Reminder", "[]", null, false)),
                "TimerThread \"payroll-s3cr3t\".queue → TaskQueue → Reminder ×3",
                new long[] {1, 2, 3},
                new long[] {10, 20, 30},
                new long[] {0, 0, 0},
                new Steadiness(2, 2),
                List.of(),
                List.of(),
                new Suspect.Subject("app.Reminder", 3, 0, 0),
                20,
                new dev.leakprobe.analyzer.diff.Holder(
                        null, null, "java.util.TaskQueue", "payroll-s3cr3t", "java.util.TimerThread"),
                List.of(),
                null,
                null);
        Analysis redacted = Redaction.apply(analysis(Analysis.Kind.DIFF, List.of(timer)));
        String json = new String(JsonReport.bytes(ReportDocument.of(redacted, 10, Instant.EPOCH)));

        assertThat(json).doesNotContain("s3cr3t");
        assertThat(redacted.suspects().get(0).pathText()).startsWith("TimerThread.queue → ");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
