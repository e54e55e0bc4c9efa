package dev.leakprobe.junit.settings;

import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.junit.LeakTest;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A {@link LeakTest} annotation, checked once before the body first runs: a bad value is a configuration error
 * naming the attribute, never a test that runs and then says something odd.
 *
 * @param allowedGrowthBytes retained growth that is still no leak
 */
public record LeakTestSettings(
        int warmup, int iterations, long allowedGrowthBytes, IgnoreList ignore, boolean keepDumps) {

    public static LeakTestSettings of(LeakTest annotation) {
        if (annotation.warmup() < 0) {
            throw error("warmup must be 0 or more, was " + annotation.warmup());
        }
        if (annotation.iterations() < 1) {
            throw error("iterations must be 1 or more, was " + annotation.iterations());
        }
        long allowed;
        try {
            allowed = Sizes.parse(annotation.allowedGrowth());
        } catch (IllegalArgumentException e) {
            throw error("allowedGrowth: " + e.getMessage());
        }
        IgnoreList ignore;
        try {
            ignore = IgnoreList.of(List.of(annotation.ignore()));
        } catch (IllegalArgumentException e) {
            throw error("ignore: " + e.getMessage());
        }
        return new LeakTestSettings(
                annotation.warmup(), annotation.iterations(), allowed, ignore, annotation.keepDumps());
    }

    /**
     * How many runs of the body lie between consecutive dumps: two halves when there are two runs or more (dumps
     * after the warm-up, midway and at the end), else one interval.
     */
    public int[] runsPerInterval() {
        if (iterations < 2) {
            return new int[] {iterations};
        }
        return new int[] {iterations / 2, iterations - iterations / 2};
    }

    private static ExtensionConfigurationException error(String message) {
        return new ExtensionConfigurationException("@LeakTest " + message);
    }
}
