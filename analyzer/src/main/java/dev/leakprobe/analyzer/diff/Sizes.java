package dev.leakprobe.analyzer.diff;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts in words people read: 48.2 MB. */
public final class Sizes {

    private static final Pattern LAMBDA_SUFFIX = Pattern.compile("\\$\\$Lambda[$/+].*$");
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    public static String format(long bytes) {
        long abs = Math.abs(bytes);
        String sign = bytes < 0 ? "-" : "";
        if (abs < 1024) {
            return sign + abs + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = abs;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return sign + String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }

    /**
     * The one size grammar of leakprobe (the CLI's {@code --fail-on-growth}, {@code @LeakTest(allowedGrowth)}):
     * {@code 10MB}, {@code 512k}, {@code 1.5GiB}, {@code 0B}, {@code 1000} (bytes). Units are powers of 1024.
     *
     * @throws IllegalArgumentException naming the value, for anything else
     */
    public static long parse(String value) {
        // One grammar for the whole tree: the format module's, which the agent's options use too.
        return dev.leakprobe.format.units.ByteSize.parse(value);
    }

    public static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "") + format(bytes);
    }

    /**
     * {@code java.util.HashMap$Node[]} → {@code HashMap$Node[]}; a lambda's hidden class
     * {@code a.b.ChatServer$$Lambda$136/0x0000000800c02a00} → {@code ChatServer$$Lambda}: its number and address say
     * nothing to a reader and differ from run to run.
     */
    public static String simpleName(String className) {
        String name = LAMBDA_SUFFIX.matcher(className).replaceFirst(Matcher.quoteReplacement("$$Lambda"));
        int dot = name.lastIndexOf('.', name.endsWith("[]") ? name.indexOf('[') : name.length());
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
