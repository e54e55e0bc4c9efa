package dev.leakprobe.e2e.offheap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The workload of {@code OffHeapSitesIT}, run with the agent: three rounds, each adding direct buffers to two owners
 * (allocated by a third class) and mapped regions to an archive, then a heap dump by {@code kill -USR2} of itself,
 * waited for until the dump and its sidecars are complete. Exit 0 when the three dumps were taken, 3 on timeout.
 */
public final class OffHeapLeaks {

    public static final int ROUNDS = 3;
    public static final int FRAMES_PER_ROUND = 8;
    static final int CHUNKS_PER_ROUND = 8;
    public static final int REGIONS_PER_ROUND = 2;

    private OffHeapLeaks() {}

    public static void main(String[] args) throws Exception {
        Path dumps = Path.of(args[0]);
        Archive archive =
                new Archive(Files.createTempFile(Path.of(args[1]), "archive", ".bin"), ROUNDS * REGIONS_PER_ROUND);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < FRAMES_PER_ROUND; i++) {
                FrameCache.FRAMES.add(Allocator.frame());
            }
            for (int i = 0; i < CHUNKS_PER_ROUND; i++) {
                UploadSpool.CHUNKS.add(Allocator.chunk());
            }
            for (int i = 0; i < REGIONS_PER_ROUND; i++) {
                archive.mapRegion(round * REGIONS_PER_ROUND + i);
            }
            dumpAndWait(dumps, round + 1);
        }
        System.out.println(
                "done " + FrameCache.FRAMES.size() + " " + UploadSpool.CHUNKS.size() + " " + Archive.MAPS.size());
    }

    private static void dumpAndWait(Path dumps, int count) throws Exception {
        long pid = ProcessHandle.current().pid();
        new ProcessBuilder("kill", "-USR2", Long.toString(pid))
                .inheritIO()
                .start()
                .waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (completeDumps(dumps) < count) {
            if (System.nanoTime() > deadline) {
                System.exit(3);
            }
            Thread.sleep(100); // Polling a folder for the agent's files: the dump runs on the agent's thread.
        }
    }

    /** Dumps whose sidecars are all written (each file appears whole, by a rename). */
    private static long completeDumps(Path dumps) throws Exception {
        if (!Files.isDirectory(dumps)) {
            return 0;
        }
        try (var files = Files.list(dumps)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".hprof") && !name.startsWith("."))
                    .filter(name -> Files.exists(dumps.resolve(name + ".json"))
                            && Files.exists(dumps.resolve(name + ".direct-sites.json")))
                    .count();
        }
    }
}
