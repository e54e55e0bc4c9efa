package dev.leakprobe.format;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden name of a file leakprobe is still writing, recognised exactly, so that a sweep deletes only what we
 * left behind (a JVM that exited or was killed during a dump) and never a user's own hidden file:
 * <ul>
 *   <li>{@code .partial-<dump>}: a dump until it is complete (the agent);
 *   <li>{@code .partial-<dump>.p<N>}: a segment HotSpot (JDK 22 and later) writes beside that file and merges into it;
 *   <li>{@code .partial-<dump><suffix>.<16 hex>}: a sidecar ({@code .json}, {@code .direct-sites.json},
 *       {@code .alloc-sites.json}) or a summary ({@code .leakprobe-summary}) until it is renamed
 *       ({@code PrivateFiles});
 *   <li>{@code .partial-<16 hex>-<dump>[.p<N>]}: a dump {@code leakprobe dump} asked of a JVM without the agent.
 * </ul>
 *
 * @param dump the dump the file belongs to
 * @param writerPid the process that writes it: the dump's own pid, except for a summary, which the analyzer writes
 */
public record PartialName(DumpName dump, OptionalLong writerPid) {

    /** HotSpot's name of segment N of a dump being written to {@code file}: {@code file.pN} (JDK 22 and later). */
    public static final String HOTSPOT_SEGMENT = ".p";

    private static final String HEX16 = "[0-9a-f]{16}";
    private static final String SEGMENT = "(?:" + Pattern.quote(HOTSPOT_SEGMENT) + "\\d{1,9})?";
    private static final Pattern DUMP = Pattern.compile(
            Pattern.quote(FileNames.PARTIAL_PREFIX) + "(?:" + HEX16 + "-)?" + DumpName.ANY.pattern() + SEGMENT);
    private static final Pattern TEMP =
            Pattern.compile(Pattern.quote(FileNames.PARTIAL_PREFIX) + DumpName.ANY.pattern() + "("
                    + alternatives(List.of(
                            FileNames.SIDECAR_SUFFIX,
                            FileNames.DIRECT_SITES_SUFFIX,
                            FileNames.ALLOC_SITES_SUFFIX,
                            FileNames.SUMMARY_SUFFIX))
                    + ")\\." + HEX16);

    /** Our partial file named {@code fileName}, or empty for any other name. */
    public static Optional<PartialName> parse(String fileName) {
        Matcher dump = DUMP.matcher(fileName);
        if (dump.matches()) {
            DumpName name = DumpName.of(dump, 1);
            return Optional.of(new PartialName(name, OptionalLong.of(name.pid())));
        }
        Matcher temp = TEMP.matcher(fileName);
        if (temp.matches()) {
            DumpName name = DumpName.of(temp, 1);
            boolean summary = temp.group(5).equals(FileNames.SUMMARY_SUFFIX);
            return Optional.of(new PartialName(name, summary ? OptionalLong.empty() : OptionalLong.of(name.pid())));
        }
        return Optional.empty();
    }

    private static String alternatives(List<String> literals) {
        return String.join("|", literals.stream().map(Pattern::quote).toList());
    }
}
