package dev.leakprobe.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.ClassGrowth;
import dev.leakprobe.analyzer.diff.Descriptions;
import dev.leakprobe.analyzer.diff.PathStep;
import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.summary.DominatorEntry;
import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report JSON of DEVELOPERS.md ("Report JSON"): also the data the HTML page renders. */
public final class JsonReport {

    /** The class table is sorted by growth (or size); the rest is noise for a report. */
    static final int MAX_CLASSES = 2000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static ObjectNode build(Analysis analysis, int top, Instant generatedAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "leakprobe");
        root.put("version", Version.get());
        root.put("kind", analysis.kind().label());
        root.put("generatedAt", generatedAt.toString());
        root.set("verdict", verdict(analysis));
        root.set("dumps", dumps(analysis));
        root.set("classes", classes(analysis));
        root.set("suspects", suspects(analysis, top));
        root.set("dominators", dominators(analysis.dominators()));
        root.set("offHeap", offHeap(analysis));
        metrics(analysis).ifPresent(m -> root.set("metrics", m));
        return root;
    }

    public static byte[] bytes(JsonNode report) throws IOException {
        return JSON.writeValueAsBytes(report);
    }

    /** The one-line answer: what accumulates where, or that nothing does. */
    public static String headline(Analysis analysis) {
        int n = analysis.dumps().size();
        if (analysis.suspects().isEmpty()) {
            return analysis.kind() == Analysis.Kind.DIFF
                    ? "No accumulation found over " + n + " dumps: memory looks bounded"
                    : "No single object or class retains a large share of the heap";
        }
        Suspect s = analysis.suspects().get(0);
        String what = Sizes.simpleName(s.className()) + " objects";
        if (analysis.kind() == Analysis.Kind.DIFF) {
            return what + " accumulate in " + Descriptions.where(s.accumulationPoint()) + ": "
                    + Sizes.signed(s.retainedDelta()) + " over " + n + " dumps";
        }
        long size = s.retained()[0] + s.offHeap()[0];
        return what + " in " + Descriptions.where(s.accumulationPoint()) + " retain " + Sizes.format(size);
    }

    private static ObjectNode verdict(Analysis analysis) {
        ObjectNode verdict = JSON.createObjectNode();
        verdict.put("leak", !analysis.suspects().isEmpty());
        verdict.put("headline", headline(analysis));
        return verdict;
    }

    private static ArrayNode dumps(Analysis analysis) {
        ArrayNode array = JSON.createArrayNode();
        for (int d = 0; d < analysis.dumps().size(); d++) {
            DumpInfo info = analysis.dumps().get(d);
            DumpSummary s = analysis.summaries().get(d);
            ObjectNode dump = array.addObject();
            dump.put("file", info.file().toString());
            dump.put("time", Instant.ofEpochMilli(info.epochMillis()).toString());
            dump.put("epochMillis", info.epochMillis());
            dump.put("trigger", info.trigger());
            if (info.pid() == null) {
                dump.putNull("pid");
            } else {
                dump.put("pid", info.pid());
            }
            dump.put("sizeBytes", info.sizeBytes());
            dump.put("objects", s.objects());
            dump.put("heapBytes", s.heapBytes());
            dump.put("offHeapBytes", s.offHeapBytes());
            ArrayNode warnings = dump.putArray("warnings");
            s.warnings().forEach(warnings::add);
        }
        return array;
    }

    private static ArrayNode classes(Analysis analysis) {
        ArrayNode array = JSON.createArrayNode();
        List<ClassGrowth> rows = analysis.classes();
        for (int i = 0; i < Math.min(MAX_CLASSES, rows.size()); i++) {
            ClassGrowth c = rows.get(i);
            ObjectNode row = array.addObject();
            row.put("className", c.className());
            row.set("count", longs(c.count()));
            row.set("shallow", longs(c.shallow()));
            row.set("retained", longs(c.retained()));
            row.put("countDelta", c.countDelta());
            row.put("shallowDelta", c.shallowDelta());
            row.put("retainedDelta", c.retainedDelta());
        }
        return array;
    }

    private static ArrayNode suspects(Analysis analysis, int top) {
        ArrayNode array = JSON.createArrayNode();
        List<Suspect> suspects = analysis.suspects();
        DumpInfo last = analysis.dumps().get(analysis.dumps().size() - 1);
        DumpSummary lastSummary = analysis.summaries().get(analysis.summaries().size() - 1);
        Optional<JsonNode> allocSites = SideFiles.allocSites(last.file());
        Optional<JsonNode> directSites = SideFiles.directSites(last.file());
        for (int i = 0; i < Math.min(top, suspects.size()); i++) {
            Suspect s = suspects.get(i);
            ObjectNode node = array.addObject();
            node.put("rank", i + 1);
            node.put("className", s.className());
            ObjectNode point = node.putObject("accumulationPoint");
            point.put("className", s.accumulationPoint().className());
            point.put("field", s.accumulationPoint().field());
            point.put("ownerClassName", s.accumulationPoint().ownerClassName());
            ArrayNode path = node.putArray("path");
            for (PathStep step : s.path()) {
                ObjectNode p = path.addObject();
                p.put("className", step.className());
                p.put("field", step.field());
                if (step.rootKind() != null) {
                    p.put("rootKind", step.rootKind());
                }
                if (step.classObject()) {
                    p.put("classObject", true);
                }
            }
            node.put("pathText", s.pathText());
            node.set("count", longs(s.count()));
            node.set("retained", longs(s.retained()));
            node.set("offHeap", longs(s.offHeap()));
            node.put("retainedDelta", s.retainedDelta());
            node.put("heapDelta", s.heapDelta());
            node.put("offHeapDelta", s.offHeapDelta());
            ObjectNode steadiness = node.putObject("steadiness");
            if (s.steadiness() != null) {
                steadiness.put("growingIntervals", s.steadiness().growingIntervals());
                steadiness.put("intervals", s.steadiness().intervals());
                steadiness.put("description", s.steadiness().description());
            } else {
                steadiness.put("growingIntervals", 0);
                steadiness.put("intervals", 0);
                steadiness.put("description", "one dump: no growth measured");
            }
            node.set("allocationSites", allocationSites(s, lastSummary, allocSites));
            node.set("offHeapSites", offHeapSites(s, directSites));
            node.put("description", s.description());
        }
        return array;
    }

    /** Each site's share of the sampled survivors of the suspect's class in the last dump. */
    private static ArrayNode allocationSites(Suspect s, DumpSummary last, Optional<JsonNode> allocSites) {
        ArrayNode array = JSON.createArrayNode();
        Map<Integer, Long> counts = last.siteCounts() == null ? null : last.siteCounts().get(s.className());
        if (counts == null || counts.isEmpty() || allocSites.isEmpty()) {
            return array;
        }
        Map<Integer, JsonNode> frames = new HashMap<>();
        for (JsonNode site : allocSites.get().path("sites")) {
            frames.put(site.path("id").asInt(), site.path("frames"));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .forEach(e -> {
                    ObjectNode site = array.addObject();
                    JsonNode f = frames.get(e.getKey());
                    site.set("frames", f == null ? JSON.createArrayNode().add("unknown site " + e.getKey()) : f);
                    site.put("share", Math.round(1000.0 * e.getValue() / total) / 1000.0);
                    site.put("samples", e.getValue());
                });
        return array;
    }

    private static ArrayNode offHeapSites(Suspect s, Optional<JsonNode> directSites) {
        ArrayNode array = JSON.createArrayNode();
        if (s.offHeap()[s.offHeap().length - 1] <= 0 || directSites.isEmpty()) {
            return array;
        }
        List<JsonNode> sites = new ArrayList<>();
        directSites.get().path("sites").forEach(sites::add);
        sites.sort((a, b) -> Long.compare(b.path("liveBytes").asLong(), a.path("liveBytes").asLong()));
        for (JsonNode site : sites.subList(0, Math.min(10, sites.size()))) {
            ObjectNode o = array.addObject();
            o.set("frames", site.path("frames"));
            o.put("liveBytes", site.path("liveBytes").asLong());
            o.put("liveCount", site.path("liveCount").asLong());
        }
        return array;
    }

    private static ArrayNode dominators(List<DominatorEntry> dominators) {
        ArrayNode array = JSON.createArrayNode();
        for (DominatorEntry d : dominators) {
            ObjectNode o = array.addObject();
            o.put("className", d.className());
            o.put("label", d.label());
            o.put("shallow", d.shallow());
            o.put("retained", d.retained());
            o.put("offHeap", d.offHeap());
        }
        return array;
    }

    private static ObjectNode offHeap(Analysis analysis) {
        ObjectNode offHeap = JSON.createObjectNode();
        ArrayNode direct = offHeap.putArray("direct");
        ArrayNode mapped = offHeap.putArray("mapped");
        for (DumpSummary s : analysis.summaries()) {
            direct.add(s.directBytes());
            mapped.add(s.mappedBytes());
        }
        int n = analysis.dumps().size();
        Map<String, long[][]> bySite = new LinkedHashMap<>();
        Map<String, JsonNode> framesOf = new HashMap<>();
        for (int d = 0; d < n; d++) {
            Optional<JsonNode> sites = SideFiles.directSites(analysis.dumps().get(d).file());
            if (sites.isEmpty()) {
                continue;
            }
            for (JsonNode site : sites.get().path("sites")) {
                String key = site.path("frames").toString();
                framesOf.putIfAbsent(key, site.path("frames"));
                long[][] values = bySite.computeIfAbsent(key, k -> new long[2][n]);
                values[0][d] += site.path("liveBytes").asLong();
                values[1][d] += site.path("liveCount").asLong();
            }
        }
        ArrayNode sites = offHeap.putArray("sites");
        bySite.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0][n - 1], a.getValue()[0][n - 1]))
                .forEach(e -> {
                    ObjectNode o = sites.addObject();
                    o.set("frames", framesOf.get(e.getKey()));
                    o.set("liveBytes", longs(e.getValue()[0]));
                    o.set("liveCount", longs(e.getValue()[1]));
                });
        return offHeap;
    }

    private static Optional<ObjectNode> metrics(Analysis analysis) {
        Optional<List<JsonNode>> rows = SideFiles.metrics(analysis.dumps().get(0).file());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Long pid = analysis.dumps().get(0).pid();
        ObjectNode metrics = JSON.createObjectNode();
        ArrayNode samples = metrics.putArray("samples");
        for (JsonNode row : rows.get()) {
            if (pid != null && row.hasNonNull("pid") && row.get("pid").asLong() != pid) {
                continue;
            }
            ObjectNode sample = samples.addObject();
            for (String field : new String[] {"epochMillis", "heapUsed", "heapTotal", "rss", "directUsed"}) {
                sample.set(field, row.hasNonNull(field) ? row.get(field) : JSON.nullNode());
            }
        }
        ArrayNode marks = metrics.putArray("dumpEpochMillis");
        analysis.dumps().forEach(d -> marks.add(d.epochMillis()));
        return Optional.of(metrics);
    }

    private static ArrayNode longs(long[] values) {
        ArrayNode array = JSON.createArrayNode();
        for (long v : values) {
            array.add(v);
        }
        return array;
    }
}
