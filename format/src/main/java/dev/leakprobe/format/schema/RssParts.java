package dev.leakprobe.format.schema;

import dev.leakprobe.format.json.JsonException;
import dev.leakprobe.format.json.JsonObject;
import dev.leakprobe.format.json.JsonWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory ledger: what the resident set is made of, in bytes, as the JVM can tell it. The {@code rssParts} of a
 * {@code metrics.jsonl} row (DEVELOPERS.md, "File formats").
 *
 * <p>Every part is committed memory, and committed is not always resident (heap pages never touched, the untouched
 * part of a thread's stack): {@code unexplained} can be negative, most of all just after start. What reads is its
 * trend: a native leak (an {@code Inflater} never ended, a JNI library's {@code malloc}) is {@code unexplained}
 * growing while the other parts stay flat.
 *
 * @param threadStacks the Thread figure of Native Memory Tracking when it is on, else threads × stack size
 * @param nmt other committed categories of Native Memory Tracking by name ({@code GC}, {@code Compiler}, ...), the
 *     direct buffers taken out of {@code Other}; empty when tracking is off
 * @param unexplained rss minus every other part (the heap counted as {@code heapResident} where known); {@code
 *     null} when rss is unknown
 * @param heapResident the resident bytes of the heap's own mappings ({@code /proc/self/smaps}); {@code null} where the
 *     OS or the collector gives no figure (not Linux, ZGC, rows written before it)
 * @param files resident bytes of mapped files (the JVM's libraries, the CDS archive, jars: rss less anonymous
 *     memory), less the mapped buffers, which {@code mapped} counts; {@code null} where unknown
 */
public record RssParts(
        long heapCommitted,
        long metaspace,
        long codeCache,
        long threadStacks,
        long direct,
        long mapped,
        Map<String, Long> nmt,
        Long unexplained,
        Long heapResident,
        Long files) {

    public RssParts {
        nmt = Collections.unmodifiableMap(new LinkedHashMap<>(nmt));
    }

    /** Parts without resident figures: rows written before them. */
    public RssParts(
            long heapCommitted,
            long metaspace,
            long codeCache,
            long threadStacks,
            long direct,
            long mapped,
            Map<String, Long> nmt,
            Long unexplained) {
        this(heapCommitted, metaspace, codeCache, threadStacks, direct, mapped, nmt, unexplained, null, null);
    }

    /** The parts for a resident set of {@code rss} bytes (-1 when unknown): {@code unexplained} is what is left. */
    public static RssParts of(
            long rss,
            long heapCommitted,
            long metaspace,
            long codeCache,
            long threadStacks,
            long direct,
            long mapped,
            Map<String, Long> nmt) {
        return of(rss, heapCommitted, metaspace, codeCache, threadStacks, direct, mapped, nmt, null, null);
    }

    /**
     * The same with the resident figures the OS gave: the heap then counts as what of it is resident, not as what is
     * committed (a heap committed at start is resident only as far as it was touched), and mapped files count too.
     */
    public static RssParts of(
            long rss,
            long heapCommitted,
            long metaspace,
            long codeCache,
            long threadStacks,
            long direct,
            long mapped,
            Map<String, Long> nmt,
            Long heapResident,
            Long files) {
        long explained = (heapResident != null ? heapResident : heapCommitted)
                + metaspace
                + codeCache
                + threadStacks
                + direct
                + mapped
                + (files != null ? files : 0);
        for (long category : nmt.values()) {
            explained += category;
        }
        return new RssParts(
                heapCommitted,
                metaspace,
                codeCache,
                threadStacks,
                direct,
                mapped,
                nmt,
                rss < 0 ? null : rss - explained,
                heapResident,
                files);
    }

    /** The sum of Native Memory Tracking's other categories; 0 when tracking is off. */
    public long nmtTotal() {
        return nmt.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes {@code "rssParts":{...}} into the object {@code json} has open. */
    void writeField(JsonWriter json) {
        json.beginObject("rssParts")
                .field("heapCommitted", heapCommitted)
                .field("metaspace", metaspace)
                .field("codeCache", codeCache)
                .field("threadStacks", threadStacks)
                .field("direct", direct)
                .field("mapped", mapped);
        if (heapResident != null) {
            json.field("heapResident", heapResident.longValue());
        }
        if (files != null) {
            json.field("files", files.longValue());
        }
        if (!nmt.isEmpty()) {
            json.beginObject("nmt");
            nmt.forEach(json::field);
            json.endObject();
        }
        if (unexplained == null) {
            json.field("unexplained", (String) null);
        } else {
            json.field("unexplained", unexplained.longValue());
        }
        json.endObject();
    }

    /** @return the parts, or {@code null} for a row written before the ledger */
    static RssParts from(JsonObject row) throws JsonException {
        JsonObject o = row.getObject("rssParts");
        if (o == null) {
            return null;
        }
        Map<String, Long> nmt = new LinkedHashMap<>();
        JsonObject categories = o.getObject("nmt");
        if (categories != null) {
            for (String name : categories.names()) {
                nmt.put(name, categories.getLong(name, 0));
            }
        }
        return new RssParts(
                o.getLong("heapCommitted", 0),
                o.getLong("metaspace", 0),
                o.getLong("codeCache", 0),
                o.getLong("threadStacks", 0),
                o.getLong("direct", 0),
                o.getLong("mapped", 0),
                nmt,
                o.has("unexplained") ? o.getLong("unexplained", 0) : null,
                o.has("heapResident") ? o.getLong("heapResident", 0) : null,
                o.has("files") ? o.getLong("files", 0) : null);
    }
}
