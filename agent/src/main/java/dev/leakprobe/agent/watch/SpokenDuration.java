package dev.leakprobe.agent.watch;

import java.time.Duration;
import java.util.Locale;

/** Durations as a log line says them: "20 s", "30 min", "2 h", "1.5 h". */
final class SpokenDuration {

    private SpokenDuration() {}

    static String of(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 120 * 60) {
            return (seconds % 60 == 0
                            ? Long.toString(seconds / 60)
                            : String.format(Locale.ROOT, "%.1f", seconds / 60.0))
                    + " min";
        }
        double hours = seconds / 3600.0;
        return (hours == Math.rint(hours) ? Long.toString((long) hours) : String.format(Locale.ROOT, "%.1f", hours))
                + " h";
    }
}
