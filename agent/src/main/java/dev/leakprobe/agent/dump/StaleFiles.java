package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.AgentLog;
import dev.leakprobe.agent.log.Decimal;
import java.nio.file.Path;
import java.time.Instant;

/**
 * At start: removes the hidden partial files a JVM left in the dump folder when it exited or was killed during a dump
 * (a dump of hundreds of MB, its segments, temporary sidecars), see {@link PartialFiles#sweepStale}.
 */
public final class StaleFiles {

    private StaleFiles() {}

    public static void sweep(Path dir) {
        try {
            PartialFiles.Swept swept = PartialFiles.sweepStale(dir, Instant.now(), PartialFiles::alive);
            if (!swept.names().isEmpty()) {
                AgentLog.info("removed " + swept.names().size() + " partial file"
                        + (swept.names().size() == 1 ? "" : "s")
                        + " (" + Decimal.mb(swept.bytes(), 1)
                        + ") that a JVM left in " + dir + " when it stopped during a dump: "
                        + String.join(
                                ", ",
                                swept.names()
                                        .subList(0, Math.min(3, swept.names().size())))
                        + (swept.names().size() > 3 ? " and " + (swept.names().size() - 3) + " more" : ""));
            }
        } catch (RuntimeException e) {
            AgentLog.warn("cannot sweep old partial files in " + dir + ": " + e);
        }
    }
}
