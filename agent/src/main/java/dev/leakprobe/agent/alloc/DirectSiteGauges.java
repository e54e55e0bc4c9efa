package dev.leakprobe.agent.alloc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top direct-buffer sites by live bytes as Micrometer gauges, tagged {@code site} with the site's first frame.
 * Values are read live; which sites are shown is refreshed by {@link #refresh()} (every few seconds, on the agent's
 * thread), so that the number of time series stays at {@link #TOP}.
 */
final class DirectSiteGauges {

    static final int TOP = 10;

    private final DirectBufferSites sites;
    private final MultiGauge bytes;
    private final MultiGauge buffers;
    /** Gauges hold their objects weakly: the groups shown must stay reachable from here. */
    private volatile List<List<DirectSite>> shown = List.of();

    DirectSiteGauges(DirectBufferSites sites, MeterRegistry registry) {
        this.sites = sites;
        this.bytes = MultiGauge.builder("leakprobe.direct.site.bytes")
                .description("Live direct-buffer memory by allocation site (top " + TOP + ")")
                .baseUnit("bytes")
                .register(registry);
        this.buffers = MultiGauge.builder("leakprobe.direct.site.buffers")
                .description("Live direct buffers by allocation site (top " + TOP + ")")
                .baseUnit("buffers")
                .register(registry);
        Gauge.builder("leakprobe.direct.tracked.bytes", sites, DirectBufferSites::totalLiveBytes)
                .description("Live direct-buffer memory allocated since the agent started, over all sites")
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder("leakprobe.direct.sites.dropped", sites, DirectBufferSites::droppedSites)
                .description("Direct-buffer sites evicted from the bounded site table")
                .register(registry);
        refresh();
    }

    /** Re-picks the top sites. Sites sharing a first frame are one series (their values summed). */
    void refresh() {
        Map<String, List<DirectSite>> byLabel = new LinkedHashMap<>();
        for (DirectSite site : sites.top(TOP)) {
            byLabel.computeIfAbsent(site.label(), label -> new ArrayList<>()).add(site);
        }
        List<MultiGauge.Row<?>> byteRows = new ArrayList<>();
        List<MultiGauge.Row<?>> bufferRows = new ArrayList<>();
        byLabel.forEach((label, group) -> {
            Tags tags = Tags.of("site", label);
            byteRows.add(MultiGauge.Row.of(tags, group, g -> sum(g, DirectSite::liveBytes)));
            bufferRows.add(MultiGauge.Row.of(tags, group, g -> sum(g, DirectSite::liveCount)));
        });
        shown = List.copyOf(byLabel.values());
        bytes.register(byteRows, true);
        buffers.register(bufferRows, true);
    }

    private static double sum(List<DirectSite> group, java.util.function.ToLongFunction<DirectSite> value) {
        long total = 0;
        for (DirectSite site : group) {
            total += value.applyAsLong(site);
        }
        return total;
    }
}
