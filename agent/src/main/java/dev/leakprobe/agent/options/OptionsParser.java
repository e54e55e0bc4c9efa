package dev.leakprobe.agent.options;

import dev.leakprobe.agent.alloc.AllocationOptions;
import dev.leakprobe.agent.dump.DiskReserve;
import dev.leakprobe.agent.watch.WatchOptions;
import dev.leakprobe.format.DumpName;
import dev.leakprobe.format.text.OneLine;
import dev.leakprobe.format.units.ByteSize;
import dev.leakprobe.format.units.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the agent's option string, {@code key=value} pairs separated by commas, into {@link AgentOptions}.
 *
 * <p>Returns an {@link ParsedOptions.Invalid} naming the first bad option instead of throwing: the caller prints it
 * as one line and keeps the application running without the agent.
 */
public final class OptionsParser {

    private static final Pattern NAME = DumpName.PREFIX;
    private static final Pattern CLASS_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*(\\.\\*)?");
    private static final Pattern HOST_PORT = Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]*):)?(\\d{1,5})");

    /** Separates the classes of {@code track=}; a comma already separates options. */
    public static final String TRACK_SEPARATOR = ";";

    private final Map<String, String> values;
    private final String defaultName;

    private OptionsParser(Map<String, String> values, String defaultName) {
        this.values = values;
        this.defaultName = defaultName;
    }

    /**
     * @param optionString what followed {@code =} in {@code -javaagent:jar=...}; null or blank means all defaults
     * @param defaultName the dump name prefix when {@code name=} is not given
     */
    public static ParsedOptions parse(String optionString, String defaultName) {
        Map<String, String> values = new LinkedHashMap<>();
        if (optionString != null) {
            for (String part : optionString.split(",", -1)) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    return new ParsedOptions.Invalid(
                            "bad option '" + OneLine.of(item) + "': expected key=value", guessSignal(optionString));
                }
                String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                if (values.put(key, item.substring(eq + 1).trim()) != null) {
                    return new ParsedOptions.Invalid(
                            "option '" + OneLine.of(key) + "' is given twice", guessSignal(optionString));
                }
            }
        }
        return new OptionsParser(values, defaultName).build(optionString);
    }

    private ParsedOptions build(String optionString) {
        SignalChoice signal = SignalChoice.USR2;
        try {
            for (Map.Entry<String, String> option : values.entrySet()) {
                if (!Key.ALL.contains(option.getKey())) {
                    throw new BadOption("unknown option '" + OneLine.of(option.getKey()) + "' (known: "
                            + String.join(", ", Key.ALL) + ")");
                }
                if (OneLine.hasUnsafe(option.getValue())) {
                    // A name or a folder with a newline would split every log line that shows it.
                    throw bad(option.getKey(), option.getValue(), "no control characters");
                }
            }
            signal = signal();
            AgentOptions options = new AgentOptions(
                    dir(),
                    signal,
                    durationOrOff(Key.INTERVAL, null),
                    durationOrOff(Key.METRICS, AgentOptions.DEFAULT_METRICS),
                    prometheus(),
                    positiveInt(Key.MAX_DUMPS, AgentOptions.DEFAULT_MAX_DUMPS),
                    diskReserve(),
                    bool(Key.LIVE, true),
                    name(),
                    heapPercent(),
                    size(Key.DUMP_ON_RSS),
                    new AllocationOptions(
                            bool(Key.TRACK_DIRECT, true),
                            trackedClasses(),
                            positiveInt(Key.SAMPLE, AllocationOptions.DEFAULT_SAMPLE),
                            stackDepth()),
                    watch());
            if (options.watch().isPresent() && options.maxDumps() < WatchOptions.SERIES_SIZE) {
                throw new BadOption(
                        "watch needs max-dumps of at least " + WatchOptions.SERIES_SIZE + " (a growth series is "
                                + WatchOptions.SERIES_SIZE + " dumps), not " + options.maxDumps(),
                        true);
            }
            return new ParsedOptions.Valid(options);
        } catch (BadOption e) {
            return new ParsedOptions.Invalid(e.getMessage(), e.signalKnown ? signal : guessSignal(optionString));
        }
    }

    private Path dir() {
        String value = values.get(Key.DIR);
        if (value == null) {
            return AgentOptions.DEFAULT_DIR.toAbsolutePath().normalize();
        }
        try {
            if (value.isEmpty()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw bad(Key.DIR, value, "a directory path");
        }
    }

    private SignalChoice signal() {
        String value = values.get(Key.SIGNAL);
        if (value == null) {
            return SignalChoice.USR2;
        }
        switch (value.toUpperCase(Locale.ROOT)) {
            case "USR2":
            case "SIGUSR2":
                return SignalChoice.USR2;
            case "USR1":
            case "SIGUSR1":
                return SignalChoice.USR1;
            case "OFF":
                return SignalChoice.OFF;
            default:
                throw bad(Key.SIGNAL, value, "USR2, USR1 or off");
        }
    }

    private Optional<Duration> durationOrOff(String key, Duration byDefault) {
        String value = values.get(key);
        if (value == null) {
            return Optional.ofNullable(byDefault);
        }
        if (value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            Duration parsed = Durations.parse(value);
            if (parsed.toMillis() >= 100) {
                return Optional.of(parsed);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw bad(key, value, "a duration of at least 100ms like " + Durations.EXAMPLES + ", or off");
    }

    private Optional<AgentOptions.HostPort> prometheus() {
        String value = values.get(Key.PROMETHEUS);
        if (value == null || value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Matcher m = HOST_PORT.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            throw bad(Key.PROMETHEUS, value, "PORT or HOST:PORT with a port from 0 to 65535");
        }
        String host = m.group(1);
        if (host == null || host.isEmpty()) {
            host = "127.0.0.1"; // loopback unless a host is given explicitly: the page tells about the heap
        } else if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new AgentOptions.HostPort(host, Integer.parseInt(m.group(2))));
    }

    private int positiveInt(String key, int byDefault) {
        String value = values.get(key);
        if (value == null) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(key, value, "a whole number of at least 1");
    }

    private boolean bool(String key, boolean byDefault) {
        String value = values.get(key);
        if (value == null) {
            return byDefault;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(key, value, "true or false");
    }

    private String name() {
        String value = values.get(Key.NAME);
        if (value == null) {
            return defaultName;
        }
        if (!NAME.matcher(value).matches()) {
            throw bad(Key.NAME, value, "1 to 64 letters, digits, '.', '_' or '-', not starting with '.' or '-'");
        }
        return value;
    }

    private OptionalInt heapPercent() {
        String value = values.get(Key.DUMP_ON_HEAP);
        if (value == null || value.equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        try {
            int n = Integer.parseInt(digits);
            if (n >= 1 && n <= 99) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(Key.DUMP_ON_HEAP, value, "a percentage of max heap from 1 to 99, like 85");
    }

    private OptionalLong size(String key) {
        String value = values.get(key);
        if (value == null || value.equalsIgnoreCase("off")) {
            return OptionalLong.empty();
        }
        try {
            long parsed = ByteSize.parse(value);
            if (parsed > 0) {
                return OptionalLong.of(parsed);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw bad(key, value, "a size like " + ByteSize.EXAMPLES);
    }

    /** {@code watch=DURATION|off} and its {@code watch-*} options, which need it on. */
    private Optional<WatchOptions> watch() {
        Optional<Duration> window = durationOrOff(Key.WATCH, null);
        if (window.isEmpty()) {
            for (String key : Key.WATCH_DETAILS) {
                if (values.containsKey(key)) {
                    throw new BadOption("option '" + key + "' needs watch=DURATION (watch is off)", true);
                }
            }
            return Optional.empty();
        }
        if (window.get().compareTo(Duration.ofSeconds(1)) < 0) {
            throw bad(Key.WATCH, values.get(Key.WATCH), "a window of at least 1s like 30m, or off");
        }
        Duration every = durationOrOff(Key.WATCH_EVERY, WatchOptions.defaultEvery(window.get()))
                .orElseThrow(() -> bad(Key.WATCH_EVERY, "off", "a duration like 10m"));
        Duration warmup = "0".equals(values.get(Key.WATCH_WARMUP))
                ? Duration.ZERO
                : durationOrOff(Key.WATCH_WARMUP, WatchOptions.defaultWarmup(window.get()))
                        .orElse(Duration.ZERO);
        return Optional.of(new WatchOptions(
                window.get(),
                every,
                warmup,
                percentPerHour(),
                fraction(Key.WATCH_R2, WatchOptions.DEFAULT_MIN_R2),
                atLeast(Key.WATCH_GCS, WatchOptions.DEFAULT_MIN_GCS, 3),
                bool(Key.WATCH_VERBOSE, false),
                "0".equals(values.get(Key.WATCH_COOLDOWN))
                        ? Duration.ZERO
                        : durationOrOff(Key.WATCH_COOLDOWN, WatchOptions.DEFAULT_COOLDOWN)
                                .orElse(Duration.ZERO)));
    }

    /** {@code watch-slope=1%} (or {@code 0.5}): a share of max heap per hour, from more than 0 to 100%. */
    private double percentPerHour() {
        String value = values.get(Key.WATCH_SLOPE);
        if (value == null) {
            return WatchOptions.DEFAULT_MIN_SLOPE_PER_HOUR;
        }
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        try {
            double percent = Double.parseDouble(digits);
            if (percent > 0 && percent <= 100) {
                return percent / 100;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(Key.WATCH_SLOPE, value, "a share of max heap per hour above 0% and up to 100%, like 1%");
    }

    private double fraction(String key, double byDefault) {
        String value = values.get(key);
        if (value == null) {
            return byDefault;
        }
        try {
            double n = Double.parseDouble(value);
            if (n >= 0 && n <= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(key, value, "a number from 0 to 1, like 0.8");
    }

    private int atLeast(String key, int byDefault, int least) {
        String value = values.get(key);
        if (value == null) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(key, value, "a whole number of at least " + least);
    }

    private int stackDepth() {
        String value = values.get(Key.STACK_DEPTH);
        if (value == null) {
            return AllocationOptions.DEFAULT_STACK_DEPTH;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= AllocationOptions.MAX_STACK_DEPTH) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw bad(Key.STACK_DEPTH, value, "a number of frames from 1 to " + AllocationOptions.MAX_STACK_DEPTH);
    }

    /** {@code SIZE} or {@code N%} of the file system; 0 for none. */
    private DiskReserve diskReserve() {
        String value = values.get(Key.DISK_RESERVE);
        if (value == null) {
            return DiskReserve.DEFAULT;
        }
        try {
            if (value.endsWith("%")) {
                int percent =
                        Integer.parseInt(value.substring(0, value.length() - 1).trim());
                if (percent >= 0 && percent <= 90) {
                    return DiskReserve.ofPercent(percent);
                }
            } else {
                return DiskReserve.ofBytes(ByteSize.parse(value));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below (NumberFormatException included)
        }
        throw bad(
                Key.DISK_RESERVE,
                value,
                "a size like " + ByteSize.EXAMPLES + ", or a share of the file system" + " from 0% to 90%");
    }

    private List<String> trackedClasses() {
        String value = values.get(Key.TRACK);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        List<String> classes = new ArrayList<>();
        for (String name : value.split(Pattern.quote(TRACK_SEPARATOR), -1)) {
            String trimmed = name.trim();
            if (!CLASS_NAME.matcher(trimmed).matches()) {
                throw bad(Key.TRACK, value, "class names or package.* prefixes separated by '" + TRACK_SEPARATOR + "'");
            }
            classes.add(trimmed);
        }
        return classes;
    }

    /** One line, whatever the value holds: its control characters are shown as {@code \}{@code uXXXX}. */
    private BadOption bad(String key, String value, String expected) {
        return new BadOption(
                "bad value for option '" + key + "': '" + OneLine.of(value) + "' (expected " + expected + ")",
                !key.equals(Key.SIGNAL));
    }

    /** The signal a broken option string still asked for, so the disabled agent guards the right one. */
    private static SignalChoice guessSignal(String optionString) {
        String lower = optionString == null ? "" : optionString.toLowerCase(Locale.ROOT);
        if (lower.contains("signal=off")) {
            return SignalChoice.OFF;
        }
        if (lower.contains("signal=usr1") || lower.contains("signal=sigusr1")) {
            return SignalChoice.USR1;
        }
        return SignalChoice.USR2;
    }

    /** Option keys, as users write them. */
    static final class Key {
        static final String DIR = "dir";
        static final String SIGNAL = "signal";
        static final String INTERVAL = "interval";
        static final String METRICS = "metrics";
        static final String PROMETHEUS = "prometheus";
        static final String MAX_DUMPS = "max-dumps";
        static final String DISK_RESERVE = "disk-reserve";
        static final String LIVE = "live";
        static final String NAME = "name";
        static final String DUMP_ON_HEAP = "dump-on-heap";
        static final String DUMP_ON_RSS = "dump-on-rss";
        static final String TRACK_DIRECT = "track-direct";
        static final String TRACK = "track";
        static final String SAMPLE = "sample";
        static final String STACK_DEPTH = "stack-depth";
        static final String WATCH = "watch";
        static final String WATCH_EVERY = "watch-every";
        static final String WATCH_WARMUP = "watch-warmup";
        static final String WATCH_SLOPE = "watch-slope";
        static final String WATCH_R2 = "watch-r2";
        static final String WATCH_GCS = "watch-gcs";
        static final String WATCH_VERBOSE = "watch-verbose";
        static final String WATCH_COOLDOWN = "watch-cooldown";
        static final List<String> WATCH_DETAILS =
                List.of(WATCH_EVERY, WATCH_WARMUP, WATCH_SLOPE, WATCH_R2, WATCH_GCS, WATCH_VERBOSE, WATCH_COOLDOWN);
        static final List<String> ALL = List.of(
                DIR,
                SIGNAL,
                INTERVAL,
                METRICS,
                PROMETHEUS,
                MAX_DUMPS,
                DISK_RESERVE,
                LIVE,
                NAME,
                DUMP_ON_HEAP,
                DUMP_ON_RSS,
                TRACK_DIRECT,
                TRACK,
                SAMPLE,
                STACK_DEPTH,
                WATCH,
                WATCH_EVERY,
                WATCH_WARMUP,
                WATCH_SLOPE,
                WATCH_R2,
                WATCH_GCS,
                WATCH_VERBOSE,
                WATCH_COOLDOWN);

        private Key() {}
    }

    private static final class BadOption extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean signalKnown;

        BadOption(String message) {
            this(message, false);
        }

        BadOption(String message, boolean signalKnown) {
            super(message, null, false, false);
            this.signalKnown = signalKnown;
        }
    }
}
