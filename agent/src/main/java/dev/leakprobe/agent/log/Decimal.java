package dev.leakprobe.agent.log;

/**
 * Fixed-point numbers for log lines, without {@code String.format}: a {@code Formatter} asks the JDK's locale
 * providers for the decimal separator, and on JDK 25 the first such request initialises
 * {@code sun.util.cldr.CLDRLocaleProviderAdapter}. When that first request came while the application was out of
 * memory, the class's initialisation failed and stays failed for the JVM's life: every later line died with
 * {@code NoClassDefFoundError: Could not initialize class ...} (issue 19, item 2). Plain {@code long} arithmetic and
 * {@code StringBuilder} need no class that is not loaded already.
 */
public final class Decimal {

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};

    private Decimal() {}

    /** {@code value} rounded half up to {@code digits} (0 to 4) decimals, with a {@code .}: {@code 12.35}. */
    public static String fixed(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        long scale = POWERS[Math.max(0, Math.min(digits, POWERS.length - 1))];
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder out = new StringBuilder(24);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (scale > 1) {
            String fraction = Long.toString(scaled % scale + scale); // a leading 1 keeps the zeros: 105 → "05"
            out.append('.').append(fraction, 1, fraction.length());
        }
        return out.toString();
    }

    /** Bytes as mebibytes with {@code digits} decimals: {@code 16.41 MB}. */
    public static String mb(long bytes, int digits) {
        return fixed(bytes / (1024.0 * 1024.0), digits) + " MB";
    }
}
