package dev.leakprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20, item 3: what a newcomer's {@code --help} shows through bin/leakprobe, the command the README runs. */
class HelpIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void helpListsWatchAndWatchHelpNamesOpen() throws Exception {
        Shell.Result help = Shell.run(Repo.root(), TIMEOUT, Map.of(), List.of("bin/leakprobe", "--help"));
        assertThat(help.exitCode()).as("%s", help).isZero();
        for (String command : List.of("analyze", "diff", "summarize", "attach", "dump", "watch")) {
            assertThat(help.output()).containsPattern("(?m)^\\s+" + command + "\\s");
        }

        Shell.Result watch = Shell.run(Repo.root(), TIMEOUT, Map.of(), List.of("bin/leakprobe", "watch", "--help"));
        assertThat(watch.exitCode()).as("%s", watch).isZero();
        assertThat(watch.output()).contains("--window", "--dir", "--open", "file:// URL");
    }
}
