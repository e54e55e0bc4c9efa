package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leakprobe.format.schema.RssParts;
import java.util.List;

/** The rows of {@code metrics.jsonl} of the dumps' process, and a mark at each dump. */
public record Timeline(List<Sample> samples, long[] dumpEpochMillis) {

    /**
     * @param rss {@code null} where the OS gave no figure
     * @param rssParts the memory ledger of the row; {@code null} for rows written before it
     */
    public record Sample(
            long epochMillis,
            long heapUsed,
            long heapTotal,
            Long rss,
            long directUsed,
            @JsonInclude(JsonInclude.Include.NON_NULL) RssParts rssParts) {}
}
