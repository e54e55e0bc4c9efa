package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 20, item 2: on a terminal, progress is one line that rewrites itself and is gone before the verdict. */
class ConsoleProgressTest {

    @Test
    void onATerminalEveryStepRewritesOneLineWhichClearGoesAway() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        progress.step("a.hprof", "reading records", 10);
        progress.step("b.hprof", "reading records", -1);
        progress.finished("a.hprof", "summarised");
        progress.step("b.hprof", "indexing objects", 50);
        progress.finished("b.hprof", "summary from cache");
        progress.clear();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\n").endsWith("\r\u001b[K");
        String[] redraws = out.split("\r");
        assertThat(redraws[1]).isEqualTo("leakprobe: a.hprof: 10% reading records\u001b[K");
        assertThat(redraws[4]).isEqualTo("leakprobe: 1 dump done; b.hprof: 50% indexing objects\u001b[K");
        assertThat(redraws[5]).isEqualTo("leakprobe: 2 dumps done\u001b[K");
    }

    @Test
    void aLongLineIsCutToTheTerminalsWidth() {
        assertThat(ConsoleProgress.width("120")).isEqualTo(119);
        assertThat(ConsoleProgress.width(null)).isEqualTo(79);
        assertThat(ConsoleProgress.width("x")).isEqualTo(79);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.step("a-very-long-dump-name-".repeat(10) + ".hprof", "reading records", 1);
        String line = bytes.toString(StandardCharsets.UTF_8).replace("\r", "").replace("\u001b[K", "");
        assertThat(line.length()).isLessThanOrEqualTo(ConsoleProgress.width(System.getenv("COLUMNS")));
        assertThat(line).endsWith("…");
    }
}
