package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leakprobe.format.schema.MemoryFigures;
import dev.leakprobe.format.schema.RssParts;
import java.util.List;

/** The rows of {@code metrics.jsonl} of the dumps' process, and a mark at each dump. */
public record Timeline(List<Sample> samples, long[] dumpEpochMillis) {

    /**
     * @param rss {@code null} where the OS gave no figure
     * @param rssParts the memory ledger of the row; {@code null} for rows written before it
     * @param heapAfterGc heap used after the last GC (the live set); {@code null} before the first GC and in rows
     *     written before the field
     * @param mappedUsed mapped buffers
     */
    public record Sample(
            long epochMillis,
            long heapUsed,
            long heapTotal,
            Long rss,
            long directUsed,
            @JsonInclude(JsonInclude.Include.NON_NULL) RssParts rssParts,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long heapAfterGc,
            long mappedUsed) {

        public Sample(long epochMillis, long heapUsed, long heapTotal, Long rss, long directUsed, RssParts rssParts) {
            this(epochMillis, heapUsed, heapTotal, rss, directUsed, rssParts, null, 0);
        }

        public static Sample of(MemoryFigures row) {
            return new Sample(
                    row.epochMillis(),
                    row.heapUsed(),
                    row.heapTotal(),
                    row.rss() < 0 ? null : row.rss(),
                    row.directUsed(),
                    row.rssParts(),
                    row.heapAfterGc() < 0 ? null : row.heapAfterGc(),
                    row.mappedUsed());
        }
    }
}
