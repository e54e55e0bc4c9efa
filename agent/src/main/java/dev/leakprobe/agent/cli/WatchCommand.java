package dev.leakprobe.agent.cli;

import dev.leakprobe.agent.AgentProperties;
import dev.leakprobe.agent.cli.Main.CliException;
import dev.leakprobe.format.schema.MemoryFigures;
import dev.leakprobe.format.schema.MetricsFile;
import dev.leakprobe.format.units.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leakprobe watch [PID] [--dir DIR]}: waits for a growth series of watch mode and prints its dumps, one path
 * a line, on stdout ({@code bin/leakprobe watch} diffs them). With a PID, the agent is attached with {@code watch=}
 * first unless it runs there already; with {@code --dir} alone, the folder of a service started with {@code watch=}
 * is watched. A complete series already in the folder is taken at once. A line on stderr says how the wait goes.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Wait for watch mode's growth series (three dumps as the live set grows) and print the dumps;"
                + " attach the agent with watch= first when PID runs without it. bin/leakprobe watch then diffs them,"
                + " and with --open opens the report in the desktop's browser.",
        footer = {
            "",
            "Try it in about a minute on a small program that leaks (README.md, 'Watch mode', has one):",
            "  java -Xmx64m -XX:+UseSerialGC -javaagent:agent/target/leakprobe-agent.jar=dir=dumps,watch=20s,watch-warmup=5s \\",
            "      Leaky.java &",
            "  bin/leakprobe watch --dir dumps",
            "A small Serial heap gets a full collection every few seconds: a 20 s window holds enough of them. On a",
            "service, pick a window several times the time between its old collections (-Xlog:gc), e.g. 30m.",
            "",
            "The agent's log (the target's stderr) says how each window was judged. 'not judged' means:",
            "  '3 GCs (0 old collections); 10 GCs and 4 old collections needed, the window stretches up to 200 s'",
            "      too few GCs yet: the window grows by whole windows, up to 10 x the window; then it is judged",
            "      with what it has ('signal: the heap after N GCs ...: an upper bound of the live set')",
            "  'the GCs cover 3 s of the window'  the GCs came in a burst at the window's end: the next ones see them",
            "  '0 GCs'  an idle heap: direct, mapped and unexplained rss are still judged on the agent's timer",
            "Growth judged while a series was taken within watch-cooldown (1h) says when the next may come."
        })
final class WatchCommand extends Main.Subcommand {

    private static final long POLL_MILLIS = 1000;
    private static final long PROGRESS_EVERY_MILLIS = 10_000;
    private static final long QUIET_PROGRESS_MILLIS = 60_000;
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "PID",
            converter = Main.PidConverter.class,
            description = "the JVM to watch; without it, --dir names the folder of a service started with watch=")
    Long pid;

    @Parameters(
            index = "1..*",
            paramLabel = "OPTION",
            description = "more agent options when attaching, e.g. watch-every=5m,watch-slope=2%%")
    List<String> optionList = new ArrayList<>();

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "the dump folder: where the attached agent writes (default ./leakprobe-dumps), or where a"
                    + " service started with watch= writes")
    Path dir;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "30m",
            description = "watch= when attaching: how long the live set must grow steadily (default: 30m)")
    String window;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "give up when no series is complete by then (default: wait until stopped)")
    String timeout;

    @Override
    int run() throws CliException {
        Duration giveUpAfter = timeout == null ? null : duration("--timeout", timeout);
        if (pid == null && dir == null) {
            throw new CliException("watch needs a PID, or --dir DIR for a service started with watch=", 2);
        }
        if (pid == null && !optionList.isEmpty()) {
            throw new CliException("agent options (" + String.join(",", optionList) + ") need a PID to attach to", 2);
        }
        Watched watched = pid == null ? folderOnly() : attachIfNeeded();
        GrowthSeriesFolder.Series series = await(watched, giveUpAfter);
        for (Path dump : series.dumps()) {
            System.out.println(dump);
        }
        return 0;
    }

    /** What is watched: a folder, and the JVM writing there when a PID was given. */
    private record Watched(Path dir, OptionalLong pid, String window) {}

    private Watched folderOnly() throws CliException {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new CliException("no folder " + folder + " (the dump folder of a service started with watch=)", 2);
        }
        return new Watched(folder, OptionalLong.empty(), null);
    }

    private Watched attachIfNeeded() throws CliException {
        Duration w = duration("--window", window);
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Properties props = target.systemProperties();
            if (props.getProperty(AgentProperties.LOADED) == null) {
                Path folder = (dir == null ? Path.of("leakprobe-dumps") : dir)
                        .toAbsolutePath()
                        .normalize();
                List<String> options = new ArrayList<>(List.of("watch=" + Durations.format(w), "dir=" + folder));
                options.addAll(optionList);
                props = AttachCommand.loadAndAwaitReady(target, String.join(",", options));
                System.err.println("leakprobe: attached to JVM " + pid + " with watch=" + Durations.format(w)
                        + "; dumps go to " + folder);
            } else if (props.getProperty(AgentProperties.WATCH) == null) {
                throw new CliException("the agent in JVM " + pid + " runs without watch mode and cannot take it now;"
                        + " start that JVM with -javaagent:leakprobe-agent.jar=watch=30m (or use dump, three times)");
            } else if (!optionList.isEmpty()) {
                System.err.println("leakprobe: the agent already runs in JVM " + pid + "; its options stay as they"
                        + " are (" + String.join(",", optionList) + " ignored)");
            }
            Path agentDir = Path.of(props.getProperty(AgentProperties.DIR));
            if (dir != null && !dir.toAbsolutePath().normalize().equals(agentDir)) {
                System.err.println("leakprobe: the agent in JVM " + pid + " writes to " + agentDir + ", not " + dir
                        + "; watching there");
            }
            return new Watched(agentDir, OptionalLong.of(pid), props.getProperty(AgentProperties.WATCH));
        }
    }

    private GrowthSeriesFolder.Series await(Watched watched, Duration giveUpAfter) throws CliException {
        long deadline = giveUpAfter == null ? Long.MAX_VALUE : System.currentTimeMillis() + giveUpAfter.toMillis();
        String said = null;
        long saidAt = 0;
        while (true) {
            Optional<GrowthSeriesFolder.Series> complete;
            List<GrowthSeriesFolder.Series> all;
            try {
                complete = GrowthSeriesFolder.newestComplete(watched.dir(), watched.pid());
                all = GrowthSeriesFolder.in(watched.dir(), watched.pid());
            } catch (IOException e) {
                throw new CliException("cannot read " + watched.dir() + ": " + e.getMessage());
            }
            if (complete.isPresent()) {
                GrowthSeriesFolder.Series s = complete.get();
                System.err.println("leakprobe: growth series " + s.number() + " of JVM " + s.pid() + " complete: "
                        + s.dumps().size() + " dumps, the live set growing "
                        + rate(s.fit().bytesPerMinute())
                        + String.format(Locale.ROOT, " (r² %.2f)", s.fit().r2()));
                return s;
            }
            if (watched.pid().isPresent()
                    && ProcessHandle.of(watched.pid().getAsLong()).isEmpty()) {
                throw new CliException(
                        "JVM " + watched.pid().getAsLong() + " exited before a growth series was" + " complete");
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new CliException("no growth series complete in " + watched.dir() + " within "
                        + Durations.format(giveUpAfter) + "; the live set did not grow steadily (or see the JVM's"
                        + " [leakprobe] watch lines)");
            }
            // A line at once, then one when the news changed (at most every 10 s), else one a minute.
            long now = System.currentTimeMillis();
            if (said == null || now - saidAt >= PROGRESS_EVERY_MILLIS) {
                String progress = progress(watched, all);
                if (!progress.equals(said) || now - saidAt >= QUIET_PROGRESS_MILLIS) {
                    System.err.println(progress);
                    said = progress;
                    saidAt = now;
                }
            }
            AttachCommand.sleep(POLL_MILLIS);
        }
    }

    /** One line: the series so far, and what the agent last judged (by PID) or the last memory row (by folder). */
    private String progress(Watched watched, List<GrowthSeriesFolder.Series> all) {
        StringBuilder line = new StringBuilder("leakprobe: watching ");
        line.append(
                watched.pid().isPresent()
                        ? "JVM " + watched.pid().getAsLong()
                        : watched.dir().toString());
        if (all.isEmpty()) {
            line.append(": waiting for the live set to grow steadily");
        } else {
            GrowthSeriesFolder.Series last = all.get(all.size() - 1);
            line.append(": growth series ")
                    .append(last.number())
                    .append(", ")
                    .append(last.present())
                    .append(" of ")
                    .append(last.dumps().size())
                    .append(" dumps");
        }
        String judged = watched.pid().isPresent() ? lastJudgement(watched.pid().getAsLong()) : null;
        if (judged != null) {
            line.append("; ").append(judged.startsWith("watch: ") ? judged.substring(7) : judged);
        } else {
            lastMemoryRow(watched.dir())
                    .ifPresent(row -> line.append("; at ")
                            .append(CLOCK.format(Instant.ofEpochMilli(row.epochMillis())))
                            .append(" UTC heapUsed ")
                            .append(mb(row.heapUsed()))
                            .append(" rss ")
                            .append(row.rss() < 0 ? "n/a" : mb(row.rss())));
        }
        return line.toString();
    }

    private static String lastJudgement(long pid) {
        try (TargetJvm target = TargetJvm.attach(pid)) {
            return target.systemProperties().getProperty(AgentProperties.WATCH_LAST);
        } catch (CliException e) {
            return null; // gone, or busy: the next line tries again
        }
    }

    private static Optional<MemoryFigures> lastMemoryRow(Path dir) {
        Path file = MetricsFile.in(dir);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<MemoryFigures> rows = MetricsFile.read(file);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Duration duration(String option, String value) throws CliException {
        try {
            Duration d = Durations.parse(value);
            if (d.toMillis() >= 1000) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new CliException(
                option + " must be a duration of at least 1s like " + Durations.EXAMPLES + ", not '" + value + "'", 2);
    }

    private static String rate(double bytesPerMinute) {
        return String.format(Locale.ROOT, "%+.1f MB/min", bytesPerMinute / (1 << 20));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
