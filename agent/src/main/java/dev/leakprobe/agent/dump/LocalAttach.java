package dev.leakprobe.agent.dump;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's own attach listener, reached from inside it: the one way to run {@code GC.heap_dump} (which the
 * DiagnosticCommand MBean does not offer on JDK 17 nor 25) without the {@code jdk.attach} module, which refuses to
 * attach to its own JVM unless started with {@code -Djdk.attach.allowAttachSelf=true}.
 *
 * <p>HotSpot on Linux: the listener serves {@code /tmp/.java_pid<pid>}, a socket only this user can connect to.
 * When it is not up yet, it starts on a SIGQUIT while a trigger file {@code /tmp/.attach_pid<pid>} exists, as for
 * {@code jcmd}. The agent sends that SIGQUIT only when it could create the trigger itself (never through a link
 * someone planted) and when the JVM handles SIGQUIT (without {@code -Xrs} SIGQUIT ends the JVM) and allows attaching.
 * Without the trigger file a SIGQUIT prints a thread dump, which is why it is never sent without one.
 */
final class LocalAttach {

    private static final Path TMP = Path.of("/tmp");
    private static final long START_TIMEOUT_MILLIS = 5_000;

    private final long pid = ProcessHandle.current().pid();
    private final Path socket = TMP.resolve(".java_pid" + pid);

    /** Whether this JVM can have a listener started from inside: Linux, SIGQUIT handled, attach not disabled. */
    static boolean possible() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return "false".equals(vm.getVMOption("ReduceSignalUsage").getValue())
                    && "false".equals(vm.getVMOption("DisableAttachMechanism").getValue());
        } catch (RuntimeException e) {
            return false; // Not HotSpot, or no such flags: do not signal.
        }
    }

    /** Starts the listener when it is not up; false when it cannot be started (then nothing was signalled). */
    boolean ensureStarted() throws IOException, InterruptedException {
        if (Files.exists(socket)) {
            return true;
        }
        Path trigger = TMP.resolve(".attach_pid" + pid);
        try {
            Files.createFile(trigger); // Create-new: never follows a link, fails when someone else's file is there.
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                return false;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(10); // The Signal Dispatcher starts the listener; no event tells us when.
            }
            return Files.exists(socket);
        } finally {
            Files.deleteIfExists(trigger);
        }
    }

    /**
     * Runs one diagnostic command ({@code jcmd PID <command>}) and returns what it printed, without the result code
     * line; blocks until the command is done (a heap dump: until the dump is written).
     *
     * @throws IOException when the listener cannot be reached or answers with a non-zero result code
     */
    String jcmd(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // Protocol version 1: version, command, then three arguments, each ended by a NUL.
            byte[] request = ("1\0jcmd\0" + command + "\0\0\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            InputStream in = Channels.newInputStream(channel);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int newline = answer.indexOf('\n');
            String code = (newline < 0 ? answer : answer.substring(0, newline)).trim();
            String output = newline < 0 ? "" : answer.substring(newline + 1);
            if (!"0".equals(code)) {
                throw new IOException("the attach listener answered " + code + ": " + output.trim());
            }
            return output;
        }
    }
}
