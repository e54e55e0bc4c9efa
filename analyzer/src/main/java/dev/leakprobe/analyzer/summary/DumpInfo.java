package dev.leakprobe.analyzer.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When and from which process a dump was taken: from the agent's {@code <dump>.json} sidecar, else from the file's
 * modification time and the pid in names like {@code java_pid123.hprof} or {@code app-123-20261126-050000-1.hprof}.
 *
 * @param pid {@code null} when unknown
 * @param trigger {@code null} when unknown
 */
public record DumpInfo(Path file, long epochMillis, String trigger, Long pid, long sizeBytes, boolean sidecar) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_PID = Pattern.compile("java_pid(\\d+)");
    private static final Pattern AGENT_NAME = Pattern.compile("-(\\d+)-\\d{8}-\\d{6}(?:-\\d+)?\\.hprof");

    public static DumpInfo of(Path dump) throws IOException {
        long size = Files.size(dump);
        long mtime = Files.getLastModifiedTime(dump).toMillis();
        Long namePid = pidFromName(dump.getFileName().toString());
        for (Path sidecar : sidecarCandidates(dump)) {
            if (Files.isRegularFile(sidecar)) {
                try {
                    JsonNode json = JSON.readTree(sidecar.toFile());
                    long time = json.path("startedEpochMillis").asLong(mtime);
                    String trigger = json.hasNonNull("trigger") ? json.get("trigger").asText() : null;
                    Long pid = json.hasNonNull("pid") ? Long.valueOf(json.get("pid").asLong()) : namePid;
                    return new DumpInfo(dump, time, trigger, pid, size, true);
                } catch (IOException e) {
                    // A broken sidecar is no reason to refuse the dump: fall back to the file's own facts.
                }
            }
        }
        return new DumpInfo(dump, mtime, null, namePid, size, false);
    }

    static Path[] sidecarCandidates(Path dump) {
        String name = dump.getFileName().toString();
        Path beside = dump.resolveSibling(name + ".json");
        if (name.endsWith(".gz")) {
            return new Path[] {beside, dump.resolveSibling(name.substring(0, name.length() - 3) + ".json")};
        }
        return new Path[] {beside};
    }

    static Long pidFromName(String name) {
        Matcher m = JAVA_PID.matcher(name);
        if (m.find()) {
            return Long.valueOf(m.group(1));
        }
        m = AGENT_NAME.matcher(name);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
