package dev.leakprobe.agent.dump;

import dev.leakprobe.agent.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The disk watch as a small shell process beside the JVM, for the length of one dump.
 *
 * <p>Why not a thread: HotSpot writes a dump inside a safepoint, when no Java thread runs (measured: a thread that ticks
 * every 2 ms stood still for the whole 615 ms of a 165 MB dump on JDK 17; on JDK 25 for the 430 ms of the GC and the
 * segment, running again only while the segment is merged). Why not delete: the JVM's descriptor stays open and
 * HotSpot writes on into the unlinked inode, filling the disk all the same. So once the free space falls below the
 * reserve (polled every 20 ms) the watch says so on its output and, every 20 ms until it is stopped, frees the blocks
 * of every file the JVM has open under the partial dump's name (the dump, its {@code .pN} segments), through
 * {@code /proc/PID/fd}: the JVM's own descriptors, so no link planted in the folder is followed. It punches a hole over
 * the whole file ({@code fallocate -p}: the size stays, the blocks go, HotSpot's later writes take only what they
 * write). Not a truncation of a segment: JDK 25 merges a segment by {@code sendfile} up to the size it read first, and
 * a segment cut shorter after that makes it loop for ever (seen here: the dump never returned). Where the file system
 * cannot punch holes, the dump file itself is truncated (HotSpot only writes it) and segments are left. The agent
 * then deletes the files. It needs {@code /bin/sh}, {@code stat}, {@code ls}, {@code fallocate}, {@code truncate} and
 * {@code sleep} (util-linux and coreutils, or busybox); without a shell the check before each dump is the only guard,
 * said once.
 */
final class ShellDiskWatch implements DiskWatch {

    static final String SCRIPT = """
            pid=$1 dir=$2 reserve=$3 partial=$4
            while [ -d "/proc/$pid" ]; do
              blocks=$(stat -f -c '%a %S' -- "$dir") || exit 2
              set -- $blocks
              free=$(( $1 * $2 ))
              if [ "$free" -lt "$reserve" ]; then
                echo "crossed $free"
                while [ -d "/proc/$pid" ]; do
                  ls -l "/proc/$pid/fd" 2>/dev/null | while IFS= read -r line; do
                    case "$line" in
                      *" -> $partial" | *" -> $partial (deleted)") segment=no ;;
                      *" -> $partial".p[0-9]*) segment=yes ;;
                      *) continue ;;
                    esac
                    fd=${line%% -> *}
                    file="/proc/$pid/fd/${fd##* }"
                    size=$(stat -L -c %s -- "$file" 2>/dev/null) || continue
                    [ "$size" -gt 0 ] || continue
                    fallocate -p -o 0 -l "$size" "$file" 2>/dev/null \
                      || [ "$segment" = yes ] || truncate -c -s 0 "$file" 2>/dev/null
                  done
                  sleep 0.02
                done
                exit 0
              fi
              sleep 0.02
            done
            """;

    @Override
    public Watching start(Path dir, Path realPartial, long reserveBytes) {
        long pid = ProcessHandle.current().pid();
        if (!java.nio.file.Files.isDirectory(Path.of("/proc/" + pid + "/fd"))) {
            AgentLog.warnOnce(
                    "disk-watch",
                    "cannot watch the free space while a dump is written (no /proc/" + pid
                            + "/fd): only the check before each dump guards the disk (said once)");
            return () -> -1;
        }
        Process process;
        try {
            process = new ProcessBuilder(
                            "/bin/sh",
                            "-c",
                            SCRIPT,
                            "leakprobe-disk-watch",
                            Long.toString(pid),
                            dir.toString(),
                            Long.toString(reserveBytes),
                            realPartial.toString())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException | RuntimeException e) {
            AgentLog.warnOnce(
                    "disk-watch",
                    "cannot watch the free space while a dump is written (" + e.getMessage()
                            + "): only the check before each dump guards the disk (said once)");
            return () -> -1;
        }
        return () -> stop(process);
    }

    /**
     * Ends the shell and whatever it runs (a {@code sleep}, a {@code truncate}), then reads what it said. Not
     * {@code Process.destroy()}: that closes the output unread. Never blocks on a child that keeps the pipe open: only
     * what the shell wrote before it ended is read.
     */
    private static long stop(Process process) {
        String output;
        try {
            List<ProcessHandle> children = process.descendants().toList();
            process.toHandle().destroy();
            children.forEach(ProcessHandle::destroy);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            InputStream in = process.getInputStream();
            output = new String(in.readNBytes(Math.min(4096, in.available())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            process.destroy(); // closes our ends of its pipes
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("crossed ")) {
                try {
                    return Math.max(
                            0,
                            Long.parseLong(line.substring("crossed ".length()).trim()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        if (!output.isBlank()) {
            AgentLog.warnOnce(
                    "disk-watch-output",
                    "the disk watch said: " + output.strip().replace('\n', ' ') + " (said once)");
        }
        return -1;
    }
}
