import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark generator (bench/analyzer-diff.sh): a server-like heap of about 500 MB (millions of small objects in a
 * map), dumped twice; between the dumps a leak adds 2% more objects under another holder.
 * Usage: java -Xmx3g AnalyzerDiffGen.java OUT_DIR ITEMS
 */
public class AnalyzerDiffGen {

    static final Map<Integer, Item> ITEMS = new HashMap<>();
    static final List<Item> LEAK = new ArrayList<>();

    record Item(long id, String name, byte[] payload, int[] tags) {}

    static Item item(int i) {
        return new Item(i, "item-" + i, new byte[48 + (i % 32)], new int[] {i, i * 7});
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int items = Integer.parseInt(args[1]);
        Files.createDirectories(out);
        for (int i = 0; i < items; i++) {
            ITEMS.put(i, item(i));
        }
        dump(out.resolve("bench-1.hprof"));
        for (int i = 0; i < items / 50; i++) {
            LEAK.add(item(-i));
        }
        dump(out.resolve("bench-2.hprof"));
    }

    static void dump(Path file) throws Exception {
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        System.out.println(file + " " + Files.size(file) / (1 << 20) + " MB");
    }
}
