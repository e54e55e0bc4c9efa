import java.io.File;
import java.util.HashMap;
import org.eclipse.mat.parser.internal.SnapshotFactory;
import org.eclipse.mat.snapshot.ISnapshot;
import org.eclipse.mat.util.VoidProgressListener;

/**
 * The baseline of bench/analyzer-diff.sh: the dumps opened one after the other with the plain MAT API (haha), which
 * parses, drops unreachable objects and computes the dominator tree, as our analyzer needs.
 * Usage: java -cp leakprobe-analyzer.jar PlainMatOpen.java DUMP...
 */
public class PlainMatOpen {
    public static void main(String[] args) throws Exception {
        for (String dump : args) {
            long start = System.nanoTime();
            ISnapshot snapshot = new SnapshotFactory().openSnapshot(new File(dump), new HashMap<>(),
                    new VoidProgressListener());
            System.out.printf("%s: %d objects in %.1f s%n", dump, snapshot.getSnapshotInfo().getNumberOfObjects(),
                    (System.nanoTime() - start) / 1e9);
            snapshot.dispose();
        }
    }
}
