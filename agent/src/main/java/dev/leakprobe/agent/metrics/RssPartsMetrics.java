package dev.leakprobe.agent.metrics;

import dev.leakprobe.format.schema.RssParts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * {@code process.memory.rss.parts{part=...}}: the memory ledger of every metrics.jsonl row as gauges, one per part
 * ({@code heapCommitted}, {@code metaspace}, {@code codeCache}, {@code threadStacks}, {@code direct}, {@code mapped},
 * {@code heapResident} and {@code files} where the OS says, {@code nmt.<category>} with Native Memory Tracking,
 * {@code unexplained}).
 *
 * <p>A scrape reads every gauge at once; the ledger is measured once for all of them (at most once a second), not
 * once per gauge.
 */
public final class RssPartsMetrics implements MeterBinder {

    static final String NAME = "process.memory.rss.parts";
    private static final long FRESH_MILLIS = 1000;

    private RssParts latest;
    private long measuredAt;

    @Override
    public void bindTo(MeterRegistry registry) {
        RssParts now = parts();
        register(registry, "heapCommitted", RssParts::heapCommitted);
        register(registry, "metaspace", RssParts::metaspace);
        register(registry, "codeCache", RssParts::codeCache);
        register(registry, "threadStacks", RssParts::threadStacks);
        register(registry, "direct", RssParts::direct);
        register(registry, "mapped", RssParts::mapped);
        // Resident figures where the OS gives them (Linux; the heap's also needs its range): as the first reading has.
        if (now.heapResident() != null) {
            register(registry, "heapResident", p -> p.heapResident() == null ? Double.NaN : p.heapResident());
        }
        if (now.files() != null) {
            register(registry, "files", p -> p.files() == null ? Double.NaN : p.files());
        }
        // The categories of a JVM's tracking are the same all its life: those of the first reading.
        for (String category : now.nmt().keySet()) {
            register(registry, "nmt." + category, p -> p.nmt().getOrDefault(category, 0L));
        }
        register(registry, "unexplained", p -> p.unexplained() == null ? Double.NaN : p.unexplained());
    }

    private void register(MeterRegistry registry, String part, ToDoubleFunction<RssParts> figure) {
        Gauge.builder(NAME, this, self -> figure.applyAsDouble(self.parts()))
                .tag("part", part)
                .description("What the resident set is made of: committed memory by part, and rss less the parts"
                        + " (unexplained)")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    private synchronized RssParts parts() {
        long now = System.currentTimeMillis();
        if (latest == null || now - measuredAt >= FRESH_MILLIS) {
            latest = MemorySnapshot.capture().rssParts();
            measuredAt = now;
        }
        return latest;
    }
}
