package dev.leakprobe.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakprobe.analyzer.heap.hprof.HprofWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 9: names from a dump reached the terminal raw. A dump whose class, field and thread names and file
 * name hold ESC sequences, CR, C1 controls and U+202E (right-to-left override) is analysed: the terminal shows the
 * escapes as text, never the characters; the JSON keeps the names as they are (it escapes in its own way).
 */
class HostileNamesTest {

    /** What a terminal acts on: C0 but the newline, DEL, C1, and the bidi controls. Written out, not computed. */
    private static final Pattern RAW =
            Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");

    private static final String SESSION = "evil.Ses\u001b[2J\rsion\u202egpj";
    private static final String HOLDER = "evil.Hol\u009b31mder";
    private static final String REGISTRY = "evil.Reg\u001b]0;owned\u0007istry";
    private static final String THREAD_NAME = "worker\u001b[8m\r\u009bK";

    @TempDir
    Path dir;

    Path dump;

    @BeforeEach
    void writeAHostileDump() {
        HprofWriter w = new HprofWriter();
        long stringClass = w.defineClass("java.lang.String", w.objectClass, "value");
        long threadClass = w.defineClass("java.lang.Thread", w.objectClass, "name", "target");
        long session = w.defineClass(SESSION, w.objectClass, "payload");
        long holderClass = w.defineClass(HOLDER, w.objectClass, "items\u001b[8m\u202e");
        long arrayClass = w.defineClass("java.lang.Object[]", w.objectClass);
        long[] sessions = new long[100];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = w.instance(session, w.byteArray(new byte[20_000]));
        }
        long holder = w.instance(holderClass, w.objectArray(arrayClass, sessions));
        // The sessions are held by a thread (its name is shown at the root of the path) and a static of a class.
        long name = w.instance(stringClass, w.byteArray(THREAD_NAME.getBytes(StandardCharsets.ISO_8859_1)));
        w.threadRoot(w.instance(threadClass, name, holder));
        long registry = w.defineClassWithStatics(REGISTRY, w.objectClass, Map.of("ONE\r\u202e", sessions[0]));
        w.stickyClassRoot(registry);
        dump = w.write(dir.resolve("dump\u001b[31m\u202e.hprof"));
    }

    @Test
    void theTerminalShowsEscapesWhereTheDumpHasControlCharacters() throws IOException {
        Path json = dir.resolve("r.json");
        Cli.Result result = Cli.run(
                "analyze",
                dump.toString(),
                "--verbose", // progress lines too, which name the dump
                "--no-cache",
                "--json",
                json.toString(),
                "--html",
                dir.resolve("r.html").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        String terminal = result.out() + result.err();
        assertThat(RAW.matcher(terminal)
                        .results()
                        .map(m -> String.format("U+%04X", (int) m.group().charAt(0))))
                .as(terminal)
                .isEmpty();
        // The engine's label turns ASCII controls of a thread name into spaces; the sanitiser escapes the rest.
        assertThat(result.out())
                .contains(
                        "99 Ses\\u001b[2J\\u000dsion\\u202egpj objects in Thread.target retain",
                        "    Thread \"worker [8m \\u009bK\".target → Hol\\u009b31mder.items\\u001b[8m\\u202e → Object[] → "
                                + "Ses\\u001b[2J\\u000dsion\\u202egpj ×99");
        assertThat(result.err()).contains("dump\\u001b[31m\\u202e.hprof: ");
        JsonNode report = result.json(json);
        assertThat(report.path("suspects").get(0).path("className").asText()).isEqualTo(SESSION);
        assertThat(report.toString()).contains("worker");
    }

    @Test
    void anErrorLineQuotesAHostilePathAsEscapes() {
        Cli.Result result =
                Cli.run("analyze", "-q", dir.resolve("no\u001b[2Jdump\r.hprof").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(RAW.matcher(result.err()).find()).as(result.err()).isFalse();
        assertThat(result.err()).contains("no\\u001b[2Jdump\\u000d.hprof: no such file");
    }
}
