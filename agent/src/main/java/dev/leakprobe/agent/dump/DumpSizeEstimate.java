package dev.leakprobe.agent.dump;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakprobe.agent.log.Decimal;
import java.lang.management.ManagementFactory;

/**
 * The most disk a dump of this JVM's heap can take while it is written, from the heap's shape in this JVM, without
 * walking the heap (a class histogram would cost a pause of its own).
 *
 * <p>An object of {@code h} bytes on the heap becomes a HPROF record of a 25-byte header (tag, id, stack serial, class
 * id, length) plus its fields, where each reference is an 8-byte id: with compressed oops a 4-byte reference
 * doubles, and the 12-byte object header becomes 25 bytes. So a record is at most {@code 2h + 1} bytes and, objects
 * being at least 16 bytes, a dump is at most about 2.07 × heap used (measured 2.07 on a heap of one-reference objects,
 * 1.65 on field-less ones, 1.2 on small int arrays, 2.01 on reference arrays). Compact object headers (8 bytes,
 * JDK 24+) allow up to 3.2× (measured 2.75 on field-less objects); without compressed oops references do not grow
 * (at most 1.6×, measured 1.38). Beside the objects a dump holds every symbol and class: 16 MB plus 2 KB a loaded class
 * covers them (measured 2.3 MB for 700 classes, 7 MB for 6,100). From JDK 22 HotSpot writes the objects into a
 * segment file {@code <dump>.p0} and then copies it into the dump, deleting each segment only once it is copied:
 * for a moment the disk holds the dump twice (measured: peak 330 MB for a 166 MB dump on JDK 25).
 *
 * @param perHeapByte dump bytes per byte of heap used, at most
 * @param copies how many times the disk holds the dump at its peak
 */
record DumpSizeEstimate(double perHeapByte, int copies) {

    static final long FIXED_BYTES = 16L << 20;
    static final long PER_CLASS_BYTES = 2048;

    static DumpSizeEstimate forThisJvm() {
        double perByte;
        if (flag("UseCompactObjectHeaders")) {
            perByte = 3.2;
        } else if (flag("UseCompressedOops")) {
            perByte = 2.1;
        } else {
            perByte = 1.6;
        }
        return new DumpSizeEstimate(perByte, Runtime.version().feature() >= 22 ? 2 : 1);
    }

    /** Disk bytes the dump may take at its peak, for {@code heapUsed} bytes of heap and {@code classes} classes. */
    long peakBytes(long heapUsed, long classes) {
        double dump = heapUsed * perHeapByte + FIXED_BYTES + classes * PER_CLASS_BYTES;
        return (long) Math.min(Long.MAX_VALUE / 4, dump * copies);
    }

    /** The rule, for the line that says why a dump was skipped. */
    String describe() {
        return "heap used × " + Decimal.fixed(perHeapByte, 1) + " + 16 MB + 2 KB a class"
                + (copies > 1 ? ", twice while JDK " + Runtime.version().feature() + " merges its segment file" : "");
    }

    private static boolean flag(String name) {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption(name)
                    .getValue());
        } catch (RuntimeException e) {
            return false; // no such flag in this JVM (compact headers before JDK 24)
        }
    }
}
