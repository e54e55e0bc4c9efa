package dev.leakprobe.analyzer.diff;

import java.util.Locale;

/** Byte counts in words people read: 48.2 MB. */
public final class Sizes {

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

    public static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "") + format(bytes);
    }

    /** {@code java.util.HashMap$Node[]} → {@code HashMap$Node[]}. */
    public static String simpleName(String className) {
        int dot = className.lastIndexOf('.', className.endsWith("[]") ? className.indexOf('[') : className.length());
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
