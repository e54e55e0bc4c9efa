package dev.leakprobe.analyzer.heap.hprof;

/**
 * The HPROF format's numbers (JDK {@code heapDumper.cpp}; formats 1.0.1 and 1.0.2). Every identifier is 4 or 8 bytes,
 * as the header says; a record is {@code u1 tag, u4 time, u4 length, body}.
 */
final class Hprof {

    private Hprof() {}

    // Top-level records.
    static final int STRING = 0x01;
    static final int LOAD_CLASS = 0x02;
    static final int HEAP_DUMP = 0x0C;
    static final int HEAP_DUMP_SEGMENT = 0x1C;
    static final int HEAP_DUMP_END = 0x2C;

    /** Top-level tags that we read or skip; any other tag means the file is not what it claims. */
    static boolean knownRecord(int tag) {
        return (tag >= 0x01 && tag <= 0x0E) || tag == HEAP_DUMP_SEGMENT || tag == HEAP_DUMP_END;
    }

    // Heap-dump sub-records.
    static final int ROOT_UNKNOWN = 0xFF;
    static final int ROOT_JNI_GLOBAL = 0x01;
    static final int ROOT_JNI_LOCAL = 0x02;
    static final int ROOT_JAVA_FRAME = 0x03;
    static final int ROOT_NATIVE_STACK = 0x04;
    static final int ROOT_STICKY_CLASS = 0x05;
    static final int ROOT_THREAD_BLOCK = 0x06;
    static final int ROOT_MONITOR_USED = 0x07;
    static final int ROOT_THREAD_OBJECT = 0x08;
    static final int CLASS_DUMP = 0x20;
    static final int INSTANCE_DUMP = 0x21;
    static final int OBJECT_ARRAY_DUMP = 0x22;
    static final int PRIMITIVE_ARRAY_DUMP = 0x23;

    // Basic types.
    static final int OBJECT = 2;
    static final int BOOLEAN = 4;
    static final int CHAR = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;
    static final int BYTE = 8;
    static final int SHORT = 9;
    static final int INT = 10;
    static final int LONG = 11;

    private static final int[] SIZES = {0, 0, 0, 0, 1, 2, 4, 8, 1, 2, 4, 8};
    private static final String[] ARRAY_NAMES = {
        null, null, null, null, "boolean[]", "char[]", "float[]", "double[]", "byte[]", "short[]", "int[]", "long[]"
    };

    static boolean primitive(int type) {
        return type >= BOOLEAN && type <= LONG;
    }

    /** Bytes of a value of {@code type} in the file; -1 for a type that does not exist. */
    static int size(int type, int idSize) {
        if (type == OBJECT) {
            return idSize;
        }
        return primitive(type) ? SIZES[type] : -1;
    }

    static String primitiveArrayName(int type) {
        return ARRAY_NAMES[type];
    }

    // GC root kinds, as bits (MAT's GCRootInfo.Type numbers, so that both engines name roots alike).
    static final int GC_UNKNOWN = 1;
    static final int GC_SYSTEM_CLASS = 2;
    static final int GC_NATIVE_LOCAL = 4;
    static final int GC_THREAD_BLOCK = 16;
    static final int GC_BUSY_MONITOR = 32;
    static final int GC_JAVA_LOCAL = 64;
    static final int GC_NATIVE_STACK = 128;
    static final int GC_THREAD_OBJ = 256;
    /** Ours: an object the dump shows no path to, kept because the JVM held it (a live dump) or as asked. */
    static final int GC_OUTSIDE_DUMP = 1 << 12;

    private static final String[] ROOT_NAMES = {
        "Unknown",
        "System Class",
        "JNI Local",
        "JNI Global",
        "Thread Block",
        "Busy Monitor",
        "Java Local",
        "Native Stack",
        "Thread",
        "Finalizable",
        "Unfinalized",
        "Unreachable",
        null
    };

    /** "Java Local", or "System Class, Thread" for several kinds. */
    static String rootNames(int bits, String outsideDumpName) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i <= 12; i++) {
            if ((bits & (1 << i)) != 0) {
                if (names.length() > 0) {
                    names.append(", ");
                }
                names.append(i == 12 ? outsideDumpName : ROOT_NAMES[i]);
            }
        }
        return names.length() == 0 ? null : names.toString();
    }

    /**
     * A class name as Java writes it: {@code java/lang/String} → {@code java.lang.String}, {@code [Ljava/lang/Object;}
     * → {@code java.lang.Object[]}, {@code [[I} → {@code int[][]}.
     */
    static String className(String raw) {
        String name = raw.replace('/', '.');
        if (name.isEmpty() || name.charAt(0) != '[') {
            return name;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        String element = name.substring(dims);
        String base;
        if (element.startsWith("L") && element.endsWith(";")) {
            base = element.substring(1, element.length() - 1);
        } else if (element.length() == 1) {
            base = switch (element.charAt(0)) {
                case 'Z' -> "boolean";
                case 'C' -> "char";
                case 'F' -> "float";
                case 'D' -> "double";
                case 'B' -> "byte";
                case 'S' -> "short";
                case 'I' -> "int";
                case 'J' -> "long";
                default -> "unknown";
            };
        } else {
            return name;
        }
        return base + "[]".repeat(dims);
    }
}
