package dev.leakprobe.analyzer.summary;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs in a child JVM: {@link #PER_STEP} members per step join {@code ROOMS["lobby"].members}, and a live dump
 * {@code shared-<step>.hprof} follows each step. During the first two dumps a parked thread also holds the room in a
 * local variable, as the demo server's event loop holds open sessions that refer to their room: the room then has no
 * single dominator and sits at the top of the dominator tree; in the third dump it sits under the map again.
 */
public final class SharedOwnerChild {

    static final int PER_STEP = 1000;
    static final Map<String, Room> ROOMS = new HashMap<>();

    static final class Room {
        final List<Member> members = new ArrayList<>();
    }

    static final class Member {
        final byte[] data = new byte[256];
    }

    private SharedOwnerChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        ROOMS.put("lobby", new Room());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread visitor = new Thread(() -> visit(ROOMS.get("lobby"), holding, release), "visitor");
        visitor.start();
        holding.await();
        for (int step = 1; step <= 3; step++) {
            if (step == 3) {
                release.countDown();
                visitor.join();
            }
            join();
            dump(dir.resolve("shared-" + step + ".hprof"));
        }
        System.out.println("done");
    }

    /** Holds {@code room} in a live local until released. */
    private static void visit(Room room, CountDownLatch holding, CountDownLatch release) {
        holding.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(room);
    }

    private static void join() {
        Room lobby = ROOMS.get("lobby");
        for (int i = 0; i < PER_STEP; i++) {
            lobby.members.add(new Member());
        }
    }

    private static void dump(Path file) throws Exception {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(file.toString(), true);
    }
}
