package dev.leakprobe.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Looks at what the agent left in its dump directory. */
final class Dumps {

    static final ObjectMapper JSON = new ObjectMapper();

    private Dumps() {}

    /** Complete dumps ({@code *.hprof}, not hidden), sorted by name. */
    static List<Path> in(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".hprof")
                            && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    static JsonNode sidecar(Path dump) throws IOException {
        return JSON.readTree(dump.resolveSibling(dump.getFileName() + ".json").toFile());
    }

    /** A whole HPROF file, owner-only, with a sidecar that holds the figures. */
    static JsonNode assertCompleteDump(Path dump, long pid, String trigger) throws IOException {
        assertThat(dump.getFileName().toString()).matches("[A-Za-z0-9._-]+-" + pid + "-\\d{8}-\\d{6}-\\d+\\.hprof");
        byte[] header = new byte[18];
        try (InputStream in = Files.newInputStream(dump)) {
            assertThat(in.readNBytes(header, 0, header.length)).isEqualTo(header.length);
        }
        assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)))
                .isEqualTo("rw-------");
        assertThat(Files.size(dump)).isGreaterThan(100_000);

        JsonNode json = sidecar(dump);
        assertThat(json.get("leakprobe").asInt()).isEqualTo(1);
        assertThat(json.get("pid").asLong()).isEqualTo(pid);
        assertThat(json.get("file").asText()).isEqualTo(dump.getFileName().toString());
        assertThat(json.get("trigger").asText()).isEqualTo(trigger);
        assertThat(json.get("live").asBoolean()).isTrue();
        assertThat(json.get("seq").asInt()).isPositive();
        assertThat(json.get("endedEpochMillis").asLong())
                .isGreaterThanOrEqualTo(json.get("startedEpochMillis").asLong());
        assertThat(json.get("startedAt").asText()).endsWith("Z");
        JsonNode memory = json.get("memory");
        assertThat(memory.get("heapUsed").asLong()).isPositive();
        assertThat(memory.get("heapTotal").asLong())
                .isGreaterThanOrEqualTo(memory.get("heapUsed").asLong());
        assertThat(memory.get("heapMax").asLong()).isBetween(48L << 20, 64L << 20); // -Xmx64m less a survivor space
        assertThat(memory.get("rss").asLong())
                .isGreaterThan(memory.get("heapUsed").asLong() / 2);
        assertThat(memory.get("metaspaceUsed").asLong()).isPositive();
        assertThat(memory.get("nonHeapUsed").asLong()).isPositive();
        for (String field : List.of(
                "directUsed", "directCount", "mappedUsed", "mappedCount", "gcCount", "gcTimeMillis", "epochMillis")) {
            assertThat(memory.has(field)).as(field).isTrue();
        }
        return json;
    }

    /**
     * Walks every record of an HPROF file to its last byte: the header, then tag, time and length of each record.
     * A dump cut short or with a wrong length fails here; returns how many heap dump records (segments) it has,
     * after checking that the heap dump was ended.
     */
    static int assertWholeHprof(Path dump) throws IOException {
        int heapRecords = 0;
        boolean ended = false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dump), 1 << 16))) {
            byte[] magic = new byte[19];
            in.readFully(magic);
            assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2\0");
            assertThat(in.readInt()).as("identifier size").isIn(4, 8);
            in.readLong(); // the dump's time
            while (true) {
                int tag = in.read();
                if (tag < 0) {
                    break;
                }
                in.readInt(); // microseconds since the header's time
                long length = Integer.toUnsignedLong(in.readInt());
                if (tag == 0x0C || tag == 0x1C) { // HEAP DUMP, HEAP DUMP SEGMENT
                    heapRecords++;
                } else if (tag == 0x2C) { // HEAP DUMP END
                    ended = true;
                }
                in.skipNBytes(length); // EOFException when the file ends inside the record
            }
        }
        assertThat(heapRecords).as("heap dump records in %s", dump).isPositive();
        assertThat(ended || heapRecords == 1)
                .as("the heap dump of %s is ended", dump)
                .isTrue();
        return heapRecords;
    }
}
