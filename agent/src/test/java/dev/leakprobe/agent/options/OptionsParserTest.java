package dev.leakprobe.agent.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakprobe.agent.alloc.AllocationOptions;
import dev.leakprobe.agent.dump.DiskReserve;
import dev.leakprobe.agent.watch.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsParserTest {

    private static AgentOptions valid(String text) {
        ParsedOptions parsed = OptionsParser.parse(text, "app");
        assertThat(parsed).as(String.valueOf(parsed)).isInstanceOf(ParsedOptions.Valid.class);
        return ((ParsedOptions.Valid) parsed).options();
    }

    private static ParsedOptions.Invalid invalid(String text) {
        ParsedOptions parsed = OptionsParser.parse(text, "app");
        assertThat(parsed).isInstanceOf(ParsedOptions.Invalid.class);
        return (ParsedOptions.Invalid) parsed;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ",", " , "})
    void noOptionsMeansTheDefaults(String text) {
        AgentOptions o = valid(text);
        assertThat(o.dir()).isEqualTo(Path.of("leakprobe-dumps").toAbsolutePath());
        assertThat(o.signal()).isEqualTo(SignalChoice.USR2);
        assertThat(o.interval()).isEmpty();
        assertThat(o.metrics()).contains(Duration.ofSeconds(10));
        assertThat(o.prometheus()).isEmpty();
        assertThat(o.maxDumps()).isEqualTo(10);
        assertThat(o.diskReserve()).isEqualTo(DiskReserve.DEFAULT);
        assertThat(o.live()).isTrue();
        assertThat(o.name()).isEqualTo("app");
        assertThat(o.dumpOnHeapPercent()).isEmpty();
        assertThat(o.dumpOnRssBytes()).isEmpty();
        assertThat(o.allocation()).isEqualTo(AllocationOptions.defaults());
    }

    @Test
    void everyOptionIsParsedIntoItsType() {
        AgentOptions o = valid("dir=/tmp/x/../d, signal=usr1,interval=15m,metrics=500ms,prometheus=0.0.0.0:9404,"
                + "max-dumps=3,live=false,name=chat-1,dump-on-heap=85%,dump-on-rss=1g,track-direct=false,"
                + "track=a.b.C;d.e.*,sample=4,stack-depth=64");
        assertThat(o.dir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(o.signal()).isEqualTo(SignalChoice.USR1);
        assertThat(o.interval()).contains(Duration.ofMinutes(15));
        assertThat(o.metrics()).contains(Duration.ofMillis(500));
        assertThat(o.prometheus()).contains(new AgentOptions.HostPort("0.0.0.0", 9404));
        assertThat(o.maxDumps()).isEqualTo(3);
        assertThat(o.live()).isFalse();
        assertThat(o.name()).isEqualTo("chat-1");
        assertThat(o.dumpOnHeapPercent()).hasValue(85);
        assertThat(o.dumpOnRssBytes()).hasValue(1L << 30);
        assertThat(o.allocation()).isEqualTo(new AllocationOptions(false, List.of("a.b.C", "d.e.*"), 4, 64));
    }

    @Test
    void watchIsOffByDefaultAndItsOptionsHaveDocumentedDefaults() {
        assertThat(valid("").watch()).isEmpty();
        assertThat(valid("watch=off").watch()).isEmpty();

        WatchOptions thirty = valid("watch=30m").watch().orElseThrow();
        assertThat(thirty.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(thirty.every()).isEqualTo(Duration.ofMinutes(10)); // a third of the window
        assertThat(thirty.warmup()).isEqualTo(Duration.ofMinutes(5)); // the window, at most 5 minutes
        assertThat(thirty.minSlopePerHour()).isEqualTo(0.01);
        assertThat(thirty.minR2()).isEqualTo(0.8);
        assertThat(thirty.minGcs()).isEqualTo(10);
        assertThat(thirty.verbose()).isFalse();
        assertThat(valid("watch=20s").watch().orElseThrow().warmup()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void everyWatchOptionIsParsedIntoItsType() {
        WatchOptions w = valid("watch=20s,watch-every=4s,watch-warmup=2s,watch-slope=0.5%,watch-r2=0.9,"
                        + "watch-gcs=6,watch-verbose=true")
                .watch()
                .orElseThrow();
        assertThat(w)
                .isEqualTo(new WatchOptions(
                        Duration.ofSeconds(20), Duration.ofSeconds(4), Duration.ofSeconds(2), 0.005, 0.9, 6, true));
        assertThat(valid("watch=20s,watch-warmup=0").watch().orElseThrow().warmup())
                .isZero();
        assertThat(valid("watch=20s,watch-warmup=off").watch().orElseThrow().warmup())
                .isZero();
        assertThat(valid("watch=1h,watch-slope=2").watch().orElseThrow().minSlopePerHour())
                .isEqualTo(0.02);
    }

    @ParameterizedTest
    @CsvSource({"9404,127.0.0.1,9404", ":9404,127.0.0.1,9404", "localhost:0,localhost,0", "'[::1]:80',::1,80"})
    void prometheusBindsLoopbackUnlessAHostIsGiven(String value, String host, int port) {
        assertThat(valid("prometheus=" + value).prometheus()).contains(new AgentOptions.HostPort(host, port));
    }

    @Test
    void offTurnsOffWhatCanBeOff() {
        AgentOptions o = valid("signal=off,interval=off,metrics=off,prometheus=off,dump-on-heap=off,dump-on-rss=off");
        assertThat(o.signal()).isEqualTo(SignalChoice.OFF);
        assertThat(o.interval()).isEmpty();
        assertThat(o.metrics()).isEmpty();
        assertThat(o.prometheus()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "colour=blue | unknown option 'colour'",
                "interval | bad option 'interval': expected key=value",
                "=5 | bad option '=5'",
                "max-dumps=1,max-dumps=2 | option 'max-dumps' is given twice",
                "dir= | option 'dir'",
                "signal=HUP | option 'signal': 'HUP' (expected USR2, USR1 or off)",
                "interval=5 | option 'interval': '5'",
                "interval=5x | option 'interval'",
                "interval=50ms | option 'interval'",
                "metrics=-1s | option 'metrics'",
                "prometheus=host:99999 | option 'prometheus'",
                "prometheus=a b:1 | option 'prometheus'",
                "max-dumps=0 | option 'max-dumps'",
                "max-dumps=ten | option 'max-dumps'",
                "live=yes | option 'live': 'yes' (expected true or false)",
                "name=../x | option 'name'",
                "name=.hidden | option 'name'",
                "dump-on-heap=100 | option 'dump-on-heap'",
                "dump-on-heap=0 | option 'dump-on-heap'",
                "dump-on-rss=0 | option 'dump-on-rss'",
                "dump-on-rss=12q | option 'dump-on-rss'",
                "dump-on-rss=99999999999999t | option 'dump-on-rss'",
                "track=a.B;1c | option 'track'",
                "track=a.B; | option 'track'",
                "sample=0 | option 'sample'",
                "track-direct=1 | option 'track-direct'",
                "watch=500ms | option 'watch': '500ms' (expected a window of at least 1s",
                "watch=soon | option 'watch'",
                "watch-every=5m | option 'watch-every' needs watch=DURATION (watch is off)",
                "watch=off,watch-r2=0.9 | option 'watch-r2' needs watch=DURATION",
                "watch=30m,max-dumps=2 | watch needs max-dumps of at least 3 (a growth series is 3 dumps), not 2",
                "watch=30m,watch-every=off | option 'watch-every'",
                "watch=30m,watch-slope=0% | option 'watch-slope'",
                "watch=30m,watch-slope=lots | option 'watch-slope'",
                "watch=30m,watch-r2=1.5 | option 'watch-r2': '1.5' (expected a number from 0 to 1, like 0.8)",
                "watch=30m,watch-gcs=2 | option 'watch-gcs': '2' (expected a whole number of at least 3)",
                "watch=30m,watch-verbose=loud | option 'watch-verbose'",
                "stack-depth=0 | option 'stack-depth': '0' (expected a number of frames from 1 to 256)",
                "stack-depth=257 | option 'stack-depth'",
                "stack-depth=deep | option 'stack-depth'",
                "disk-reserve=lots | option 'disk-reserve'",
                "disk-reserve=95% | option 'disk-reserve'",
                "disk-reserve=-1m | option 'disk-reserve'",
            })
    void aBadOptionIsOneMessageNamingIt(String text, String expected) {
        ParsedOptions.Invalid bad = invalid(text);
        assertThat(bad.problem()).contains(expected).doesNotContain("\n");
    }

    @Test
    void theDiskReserveIsASizeOrAShareOfTheFileSystem() {
        assertThat(valid("disk-reserve=1g").diskReserve()).isEqualTo(DiskReserve.ofBytes(1L << 30));
        assertThat(valid("disk-reserve=0").diskReserve()).isEqualTo(DiskReserve.ofBytes(0));
        assertThat(valid("disk-reserve=10%").diskReserve()).isEqualTo(DiskReserve.ofPercent(10));
    }

    /** Issue 14: a name (or a folder) with a newline is refused, and the refusal itself is one line. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "name=a\nb",
                "name=app\u001b[2J",
                "dir=/tmp/a\nb",
                "dir=/tmp/a\rb",
                "name=x\u202etxt",
                "track=a.B\n;c.D",
                "col\nour=1",
                "non\nsense"
            })
    void aValueWithControlCharactersIsRefusedInOneLine(String text) {
        ParsedOptions.Invalid bad = invalid(text);
        assertThat(bad.problem())
                .doesNotContain("\n", "\r", "\u001b", "\u202e")
                .containsPattern("\\\\u00(0a|0d|1b)|\\\\u202e");
    }

    @Test
    void invalidOptionsStillTellWhichSignalToGuard() {
        assertThat(invalid("signal=USR1,interval=x").signal()).isEqualTo(SignalChoice.USR1);
        assertThat(invalid("signal=off,nope=1").signal()).isEqualTo(SignalChoice.OFF);
        assertThat(invalid("nope=1").signal()).isEqualTo(SignalChoice.USR2);
        assertThat(invalid("signal=HUP").signal()).isEqualTo(SignalChoice.USR2);
    }

    @Test
    void durationsAndSizesHaveTheSyntaxOfEveryOtherCommandLine() {
        assertThat(valid("interval=500ms").interval()).contains(Duration.ofMillis(500));
        assertThat(valid("interval=1d").interval()).contains(Duration.ofDays(1));
        assertThat(valid("dump-on-rss=512m").dumpOnRssBytes()).hasValue(512L << 20);
        assertThat(valid("dump-on-rss=512MB").dumpOnRssBytes()).hasValue(512L << 20);
        assertThat(valid("dump-on-rss=1.5GiB").dumpOnRssBytes()).hasValue(3L << 29);
        assertThat(invalid("interval=1.5h").problem()).contains("option 'interval'", "500ms");
        assertThat(invalid("interval=50ms").problem()).contains("at least 100ms");
    }
}
