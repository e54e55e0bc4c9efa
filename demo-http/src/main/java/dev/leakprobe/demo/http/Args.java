package dev.leakprobe.demo.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --name value} and {@code --name=value} options, checked against the names a command knows. The servers
 * depend on the JDK alone (as the course asks), so no picocli here; every mistake becomes one {@link Usage} line.
 */
public final class Args {

    /** A mistake on the command line: one line for the user, exit code 2. */
    public static final class Usage extends Exception {
        public Usage(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args(String command) {
        this.command = command;
    }

    public static Args parse(String command, String[] args, Set<String> known) throws Usage {
        Args parsed = new Args(command);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new Usage(command + ": unexpected argument '" + arg + "' (see --help)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("help")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new Usage(command + ": --" + name + " needs a value");
            }
            if (!known.contains(name) && !name.equals("help")) {
                throw new Usage(command + ": unknown option --" + name + " (see --help)");
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    public Path path(String name, Path otherwise) {
        return values.containsKey(name) ? Path.of(values.get(name)) : otherwise;
    }

    public int integer(String name, int otherwise, int min, int max) throws Usage {
        if (!values.containsKey(name)) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(values.get(name));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Usage(command + ": --" + name + " must be a whole number from " + min + " to " + max + ", not '"
                + values.get(name) + "'");
    }

    public int port(String name, int otherwise) throws Usage {
        return integer(name, otherwise, 0, 65535);
    }

    public Duration duration(String name, Duration otherwise) throws Usage {
        if (!values.containsKey(name)) {
            return otherwise;
        }
        Matcher m = DURATION.matcher(values.get(name));
        if (!m.matches()) {
            throw new Usage(command + ": --" + name + " must be a duration like 500ms, 40s, 5m or 1h, not '"
                    + values.get(name) + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
