package dev.leakprobe.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a dump leakprobe writes: {@code <prefix>-<pid>-<yyyyMMdd-HHmmss>-<seq>.hprof}, the time in UTC. The
 * agent names its dumps so, {@code leakprobe dump} names a dump of a JVM without the agent so (prefix {@code jvm}),
 * retention deletes only files named so, and the analyzer reads the pid from it.
 *
 * @param stamp {@code yyyyMMdd-HHmmss}, UTC
 */
public record DumpName(String prefix, long pid, String stamp, int seq) {

    /** What a prefix may be: the agent's {@code name=} option. */
    public static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** Any dump name; its groups are prefix, pid, stamp and sequence number. */
    static final Pattern ANY = Pattern.compile(
            "(" + PREFIX.pattern() + ")-(\\d{1,18})-(\\d{8}-\\d{6})-(\\d{1,9})" + Pattern.quote(FileNames.HPROF));

    public DumpName {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a dump name prefix: " + prefix);
        }
    }

    public static DumpName of(String prefix, long pid, Instant time, int seq) {
        return new DumpName(prefix, pid, STAMP.format(time), seq);
    }

    public String fileName() {
        return prefix + "-" + pid + "-" + stamp + "-" + seq + FileNames.HPROF;
    }

    /** The same dump with another sequence number: the next try when a name is taken. */
    public DumpName withSeq(int newSeq) {
        return new DumpName(prefix, pid, stamp, newSeq);
    }

    /** A name of exactly this form, or empty. */
    public static Optional<DumpName> parse(String fileName) {
        Matcher m = ANY.matcher(fileName);
        return m.matches() ? Optional.of(of(m, 1)) : Optional.empty();
    }

    /** The name whose four groups start at {@code group} in a match of a pattern that embeds {@link #ANY}. */
    static DumpName of(Matcher m, int group) {
        return new DumpName(
                m.group(group),
                Long.parseLong(m.group(group + 1)),
                m.group(group + 2),
                Integer.parseInt(m.group(group + 3)));
    }

    /** A name of exactly this form with exactly this prefix: one of the dumps of an agent named {@code prefix}. */
    public static Optional<DumpName> parse(String prefix, String fileName) {
        if (!fileName.startsWith(prefix + "-")) {
            return Optional.empty();
        }
        return parse(fileName).filter(name -> name.prefix().equals(prefix));
    }

    /** The pid in {@code app-123-20261126-050000-1.hprof[.gz]} or HotSpot's {@code java_pid123.hprof}, if any. */
    public static Optional<Long> pidIn(String fileName) {
        Matcher hotspot = Pattern.compile("java_pid(\\d{1,18})").matcher(fileName);
        if (hotspot.find()) {
            return Optional.of(Long.valueOf(hotspot.group(1)));
        }
        String plain = fileName.endsWith(FileNames.GZIP)
                ? fileName.substring(0, fileName.length() - FileNames.GZIP.length())
                : fileName;
        return parse(plain).map(DumpName::pid);
    }
}
