package dev.leakprobe.agent.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The agent's meter registry with the JVM binders Micrometer has (memory pools, buffer pools, GC, threads, class
 * loading, uptime) plus our {@link RssMetrics} and {@link RssPartsMetrics}. Not ProcessorMetrics: off-topic here, and its
 * {@code process_cpu_time_ns_total} fails {@code promtool check metrics} lint. A Prometheus registry when the page is served, else a simple one.
 */
public final class AgentMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private AgentMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the JVM meters: a few hundred milliseconds of class loading, so the agent does it off main. */
    public void bindJvmMeters() {
        new JvmMemoryMetrics().bindTo(registry); // heap/non-heap pools, direct and mapped buffer pools
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new RssMetrics().bindTo(registry);
        new RssPartsMetrics().bindTo(registry);
    }

    public static AgentMeters create(boolean prometheus) {
        return new AgentMeters(
                prometheus ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
