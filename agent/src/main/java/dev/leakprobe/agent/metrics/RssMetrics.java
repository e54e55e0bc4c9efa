package dev.leakprobe.agent.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code process.memory.rss}: the one memory figure Micrometer's JVM binders lack. NaN where the OS gives none. */
public final class RssMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("process.memory.rss", RssMetrics::rssOrNaN)
                .description("Resident set size of the process (VmRSS in /proc/self/status)")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    private static double rssOrNaN() {
        long bytes = ProcessRss.bytes();
        return bytes < 0 ? Double.NaN : bytes;
    }
}
