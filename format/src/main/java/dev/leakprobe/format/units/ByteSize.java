package dev.leakprobe.format.units;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one size syntax of every leakprobe command line and agent option: a number, an optional unit {@code k},
 * {@code m}, {@code g} or {@code t} (powers of 1024), then an optional {@code b}, {@code B}, {@code iB}:
 * {@code 1000}, {@code 512k}, {@code 512m}, {@code 512MB}, {@code 1.5GiB}.
 */
public final class ByteSize {

    public static final String EXAMPLES = "512m, 512MB or 1.5GiB";

    private static final Pattern SIZE =
            Pattern.compile("(\\d{1,18}(?:\\.\\d{1,9})?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {}

    /** @throws IllegalArgumentException with a message naming the text, for what is no size */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try " + EXAMPLES + ")");
        }
        int shift = 10 * " kmgt".indexOf(m.group(2).isEmpty() ? " " : m.group(2).toLowerCase(Locale.ROOT));
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return bytes.longValue();
    }
}
