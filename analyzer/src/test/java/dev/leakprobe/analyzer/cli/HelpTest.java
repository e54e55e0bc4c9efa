package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 20, item 3: {@code leakprobe --help} names every command, as the README says it does. */
class HelpTest {

    @Test
    void helpListsEveryCommandTheReadmeRuns() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("leakprobe.repo.root"), "README.md"));
        assertThat(readme).contains("`bin/leakprobe --help` lists every command");
        Set<String> commands = new TreeSet<>();
        Matcher m = Pattern.compile("bin/leakprobe ([a-z]+)\\b").matcher(readme);
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertThat(commands).contains("analyze", "diff", "summarize", "attach", "dump", "watch");

        Cli.Result help = Cli.run("--help");

        assertThat(help.exitCode()).isZero();
        for (String command : commands) {
            assertThat(help.out())
                    .as("leakprobe --help lists %s", command)
                    .containsPattern("(?m)^\\s+" + command + "\\s");
        }
    }

    @Test
    void watchSaysWhereItRunsAndNamesItsOpenOption() {
        Cli.Result watch = Cli.run("watch", "4242");

        assertThat(watch.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(watch.err()).contains("use bin/leakprobe watch");
        assertThat(Cli.run("--help").out()).contains("--open");
    }
}
