package dev.leakprobe.agent.watch;

import java.time.Duration;

/**
 * Watch mode, parsed once from the agent options ({@code watch=DURATION} and the {@code watch-*} options).
 *
 * @param window how far back each judgement looks ({@code watch=})
 * @param every the time between the dumps of a series ({@code watch-every=}, default a third of the window)
 * @param warmup the time after start whose GCs are not judged: caches fill, classes load ({@code watch-warmup=},
 *     default the window, at most 5 minutes)
 * @param minSlopePerHour the least growth that counts, as a share of max heap per hour ({@code watch-slope=1%})
 * @param minR2 how well a line must fit the window ({@code watch-r2=0.8})
 * @param minGcs the fewest GCs a window needs to be judged ({@code watch-gcs=10})
 * @param verbose log every judgement, not only the first and each change ({@code watch-verbose=true})
 * @param cooldown the dump budget: at most one growth series starts per cooldown ({@code watch-cooldown=1h}; 0
 *     for none), on top of {@code max-dumps} and the disk reserve
 */
public record WatchOptions(
        Duration window,
        Duration every,
        Duration warmup,
        double minSlopePerHour,
        double minR2,
        int minGcs,
        boolean verbose,
        Duration cooldown) {

    /** How many dumps a series takes: enough for the analyzer to tell steady growth from a single jump. */
    public static final int SERIES_SIZE = 3;

    public static final Duration MAX_DEFAULT_WARMUP = Duration.ofMinutes(5);
    public static final double DEFAULT_MIN_SLOPE_PER_HOUR = GrowthRule.DEFAULT_MIN_SLOPE_PER_HOUR;
    public static final double DEFAULT_MIN_R2 = GrowthRule.DEFAULT_MIN_R2;
    public static final int DEFAULT_MIN_GCS = GrowthRule.DEFAULT_MIN_GCS;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(1);

    /** A window that holds too few GCs stretches, in whole windows, up to this many times {@code watch}. */
    public static final int MAX_STRETCH = 10;

    /** Options as before {@code watch-cooldown}: the default budget. */
    public WatchOptions(
            Duration window,
            Duration every,
            Duration warmup,
            double minSlopePerHour,
            double minR2,
            int minGcs,
            boolean verbose) {
        this(window, every, warmup, minSlopePerHour, minR2, minGcs, verbose, DEFAULT_COOLDOWN);
    }

    public static Duration defaultEvery(Duration window) {
        return window.dividedBy(3);
    }

    public static Duration defaultWarmup(Duration window) {
        return window.compareTo(MAX_DEFAULT_WARMUP) < 0 ? window : MAX_DEFAULT_WARMUP;
    }

    GrowthRule rule() {
        return new GrowthRule(minSlopePerHour, minR2, minGcs);
    }

    /**
     * How often a window is judged and a series stepped: a tenth of the window or of {@code every}, whichever is
     * shorter, from 1 second to 1 minute. A series then starts soon after growth shows, its dumps come within a
     * tenth of {@code every} of their time, and a judgement costs nothing worth counting (a fit over at most 4,096
     * samples).
     */
    Duration tick() {
        Duration tenth = (every.compareTo(window) < 0 ? every : window).dividedBy(10);
        if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
    }
}
