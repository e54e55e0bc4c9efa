package dev.leakprobe.agent.options;

import dev.leakprobe.agent.alloc.AllocationOptions;
import dev.leakprobe.agent.dump.DiskReserve;
import dev.leakprobe.agent.watch.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every agent option, parsed once from the {@code -javaagent:...=key=value,...} string by {@link OptionsParser}.
 *
 * @param dir where dumps, sidecars and metrics.jsonl go
 * @param signal which signal asks for a dump
 * @param interval time between scheduled dumps; empty when off
 * @param metrics time between metrics lines and metrics.jsonl rows; empty when off
 * @param prometheus where to serve {@code /metrics}; empty when off
 * @param maxDumps how many of our dumps to keep in {@code dir}
 * @param diskReserve what must stay free on the file system of {@code dir}, dump or no dump
 * @param live dump only reachable objects
 * @param name prefix of dump file names
 * @param dumpOnHeapPercent dump once when heap used after a GC crosses this share of max heap; empty when off
 * @param dumpOnRssBytes dump once when the resident set size crosses this many bytes; empty when off
 * @param allocation what allocation tracking records
 * @param watch watch mode: dumps when the live set grows steadily; empty when off
 */
public record AgentOptions(
        Path dir,
        SignalChoice signal,
        Optional<Duration> interval,
        Optional<Duration> metrics,
        Optional<HostPort> prometheus,
        int maxDumps,
        DiskReserve diskReserve,
        boolean live,
        String name,
        OptionalInt dumpOnHeapPercent,
        OptionalLong dumpOnRssBytes,
        AllocationOptions allocation,
        Optional<WatchOptions> watch) {

    public static final Path DEFAULT_DIR = Path.of("leakprobe-dumps");
    public static final Duration DEFAULT_METRICS = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_DUMPS = 10;

    /** Where the Prometheus page is served; {@code port} 0 picks a free port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
