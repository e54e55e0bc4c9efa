package dev.leakprobe.demo.http.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;

/**
 * {@code SO_REUSEPORT}: several processes listening on one port, the kernel spreading new connections among them.
 * Linux (3.9 and later) balances connections over the listeners; macOS and the BSDs accept the option but give new
 * connections to one listener; on Windows the JDK does not offer it at all, and the cluster then runs one worker.
 */
final class ReusePort {

    private ReusePort() {}

    static boolean supported() {
        try (ServerSocket probe = new ServerSocket()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** An unbound listener with SO_REUSEPORT set where the system offers it. */
    static ServerSocket listener() throws IOException {
        ServerSocket listener = new ServerSocket();
        if (listener.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        listener.setReuseAddress(true);
        return listener;
    }
}
