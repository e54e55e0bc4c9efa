package dev.leakprobe.analyzer.heap.hprof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first pass: one walk over the records, in file order, that keeps the names, the classes, the GC roots and
 * where each object's record is, skipping over the objects' contents. Every length is checked against the end of
 * its record and of the file, so a damaged dump fails with the offset where it went wrong.
 */
final class RecordScanner {

    static final byte INSTANCE = 0;
    static final byte OBJECT_ARRAY = 1;
    static final byte PRIMITIVE_ARRAY = 2;
    static final byte CLASS = 3;
    /** The made-up object at address 0 that stands for the bootstrap class loader (as in the MAT engine). */
    static final byte SYSTEM_LOADER = 4;

    private final HprofBytes in;
    private final String displayName;
    int idSize;
    String version;

    final Map<Long, String> strings = new HashMap<>();
    final Map<Long, Long> classNameIds = new HashMap<>();
    final List<ClassDef> classes = new ArrayList<>();
    /** Object records, in file order (sized for about one object per 48 bytes of dump, grown if more). */
    final Growable.Longs objectAddresses;

    final Growable.Longs objectPositions;
    final Growable.Bytes objectKinds;
    /** GC root records: the object, its kind bit, and the thread whose local it is (0: a global root). */
    final Growable.Longs rootAddresses = new Growable.Longs(1024);

    final Growable.Ints rootKinds = new Growable.Ints(1024);
    final Growable.Longs rootThreads = new Growable.Longs(1024);
    /** Array class addresses that object arrays name, and primitive array types seen (bits by type). */
    final LongIntHash objectArrayClasses = new LongIntHash(1024);

    int primitiveArrayTypes;

    private final Map<Integer, Long> threadBySerial = new HashMap<>();
    private long lastArrayClass = -1;

    RecordScanner(HprofBytes in, String displayName) {
        this.in = in;
        this.displayName = displayName;
        int expected = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1 << 16, in.length() / 48));
        objectAddresses = new Growable.Longs(expected);
        objectPositions = new Growable.Longs(expected);
        objectKinds = new Growable.Bytes(expected);
    }

    HprofBytes in() {
        return in;
    }

    long[] objectArrayClassAddresses() {
        return objectArrayClasses.keys();
    }

    void scan() throws HprofFormatException {
        long pos = readHeader();
        long length = in.length();
        int dumps = 0;
        boolean sawHeap = false;
        boolean openSegments = false;
        while (pos < length && dumps == 0) {
            if (length - pos < 9) {
                throw bad(pos, "the file ends inside a record header (truncated dump?)");
            }
            int tag = in.u1(pos);
            long bodyLength = in.u4(pos + 5);
            long body = pos + 9;
            long end = body + bodyLength;
            if (!Hprof.knownRecord(tag)) {
                throw bad(pos, String.format("unknown record tag 0x%02x", tag));
            }
            if (end > length) {
                throw bad(pos, "a record of " + bodyLength + " bytes runs past the end of the file (truncated dump?)");
            }
            switch (tag) {
                case Hprof.STRING -> readString(body, end);
                case Hprof.LOAD_CLASS -> readLoadClass(body);
                case Hprof.HEAP_DUMP, Hprof.HEAP_DUMP_SEGMENT -> {
                    scanHeap(body, end);
                    sawHeap = true;
                    if (tag == Hprof.HEAP_DUMP) {
                        dumps++;
                    } else {
                        openSegments = true;
                    }
                }
                case Hprof.HEAP_DUMP_END -> {
                    dumps++;
                    openSegments = false;
                }
                default -> {
                    // Stack traces, thread and allocation records: not needed for the heap.
                }
            }
            pos = end;
        }
        if (!sawHeap) {
            throw new HprofFormatException(displayName + ": no heap dump in the file (truncated dump?)");
        }
        if (openSegments) {
            throw new HprofFormatException(
                    displayName + ": truncated heap dump: it ends before its HEAP DUMP END " + "record");
        }
    }

    private long readHeader() throws HprofFormatException {
        int nul = -1;
        for (int i = 0; i < 32 && i < in.length(); i++) {
            if (in.u1(i) == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            throw new HprofFormatException(displayName + ": not an HPROF heap dump (no format name in the header)");
        }
        version = new String(in.bytes(0, nul), StandardCharsets.US_ASCII);
        if (!version.equals("JAVA PROFILE 1.0.1") && !version.equals("JAVA PROFILE 1.0.2")) {
            throw new HprofFormatException(
                    displayName + ": unsupported HPROF format \"" + version + "\" (1.0.1 and 1.0.2 are)");
        }
        if (in.length() < nul + 13) {
            throw new HprofFormatException(displayName + ": truncated heap dump (it ends inside its header)");
        }
        idSize = in.i4(nul + 1);
        if (idSize != 4 && idSize != 8) {
            throw new HprofFormatException(
                    displayName + ": identifier size " + idSize + " in the header; HPROF dumps use 4 or 8");
        }
        return nul + 13;
    }

    private void readString(long body, long end) throws HprofFormatException {
        if (end - body < idSize) {
            throw bad(body - 9, "a string record shorter than its identifier");
        }
        long id = in.id(body, idSize);
        long n = end - body - idSize;
        strings.put(
                id,
                new String(in.bytes(body + idSize, (int) Math.min(n, Integer.MAX_VALUE - 16)), StandardCharsets.UTF_8));
    }

    private void readLoadClass(long body) {
        long classAddress = in.id(body + 4, idSize);
        long nameId = in.id(body + 8 + idSize, idSize);
        classNameIds.put(classAddress, nameId);
    }

    private void scanHeap(long start, long end) throws HprofFormatException {
        int id = idSize;
        long p = start;
        while (p < end) {
            int sub = in.u1(p);
            long q = p + 1;
            switch (sub) {
                case Hprof.ROOT_UNKNOWN -> q = root(q, Hprof.GC_UNKNOWN, id);
                case Hprof.ROOT_THREAD_OBJECT -> {
                    long thread = in.id(q, id);
                    threadBySerial.put(in.i4(q + id), thread);
                    addRoot(thread, Hprof.GC_THREAD_OBJ, 0);
                    q += id + 8;
                }
                // The MAT engine files JNI globals under "Native Stack": so do we, to name roots alike.
                case Hprof.ROOT_JNI_GLOBAL -> q = root(q, Hprof.GC_NATIVE_STACK, 2 * id);
                case Hprof.ROOT_JNI_LOCAL -> q = threadRoot(q, Hprof.GC_NATIVE_LOCAL, id + 8);
                case Hprof.ROOT_JAVA_FRAME -> q = threadRoot(q, Hprof.GC_JAVA_LOCAL, id + 8);
                case Hprof.ROOT_NATIVE_STACK -> q = threadRoot(q, Hprof.GC_NATIVE_STACK, id + 4);
                case Hprof.ROOT_STICKY_CLASS -> q = root(q, Hprof.GC_SYSTEM_CLASS, id);
                case Hprof.ROOT_THREAD_BLOCK -> q = root(q, Hprof.GC_THREAD_BLOCK, id + 4);
                case Hprof.ROOT_MONITOR_USED -> q = root(q, Hprof.GC_BUSY_MONITOR, id);
                case Hprof.CLASS_DUMP -> q = readClassDump(p, q, end);
                case Hprof.INSTANCE_DUMP -> {
                    object(in.id(q, id), p, INSTANCE);
                    q += 2L * id + 8 + in.u4(q + 2L * id + 4);
                }
                case Hprof.OBJECT_ARRAY_DUMP -> {
                    object(in.id(q, id), p, OBJECT_ARRAY);
                    long length = in.u4(q + id + 4);
                    long arrayClass = in.id(q + id + 8, id);
                    if (arrayClass != lastArrayClass) {
                        objectArrayClasses.put(arrayClass, 0);
                        lastArrayClass = arrayClass;
                    }
                    q += 2L * id + 8 + length * id;
                }
                case Hprof.PRIMITIVE_ARRAY_DUMP -> {
                    object(in.id(q, id), p, PRIMITIVE_ARRAY);
                    long length = in.u4(q + id + 4);
                    int type = in.u1(q + id + 8);
                    if (!Hprof.primitive(type)) {
                        throw bad(p, "a primitive array of unknown element type " + type);
                    }
                    primitiveArrayTypes |= 1 << type;
                    q += id + 9 + length * Hprof.size(type, id);
                }
                default -> throw bad(p, String.format("unknown heap-dump sub-record tag 0x%02x", sub));
            }
            if (q > end) {
                throw bad(p, "a heap-dump sub-record runs past the end of its segment");
            }
            p = q;
        }
    }

    private long root(long q, int kind, int recordBytes) {
        addRoot(in.id(q, idSize), kind, 0);
        return q + recordBytes;
    }

    /** A root on a thread's stack: the MAT engine makes it a reference from the thread, not a GC root of its own. */
    private long threadRoot(long q, int kind, int recordBytes) {
        Long thread = threadBySerial.get(in.i4(q + idSize));
        addRoot(in.id(q, idSize), kind, thread == null ? 0 : thread);
        return q + recordBytes;
    }

    private void addRoot(long address, int kind, long thread) {
        rootAddresses.add(address);
        rootKinds.add(kind);
        rootThreads.add(thread);
    }

    private void object(long address, long position, byte kind) {
        objectAddresses.add(address);
        objectPositions.add(position);
        objectKinds.add(kind);
    }

    private long readClassDump(long p, long q, long end) throws HprofFormatException {
        int id = idSize;
        long address = in.id(q, id);
        long superAddress = in.id(q + id + 4, id);
        long loaderAddress = in.id(q + 2L * id + 4, id);
        q += 7L * id + 8;
        int constants = in.u2(q);
        q += 2;
        for (int i = 0; i < constants; i++) {
            q += 3 + valueSize(p, in.u1(q + 2));
        }
        int staticCount = in.u2(q);
        q += 2;
        String[] staticNames = new String[staticCount];
        int[] staticTypes = new int[staticCount];
        long[] staticValues = new long[staticCount];
        for (int i = 0; i < staticCount; i++) {
            staticNames[i] = name(in.id(q, id));
            int type = in.u1(q + id);
            int size = valueSize(p, type);
            staticTypes[i] = type;
            staticValues[i] = switch (size) {
                case 1 -> in.u1(q + id + 1);
                case 2 -> in.u2(q + id + 1);
                case 4 -> type == Hprof.OBJECT ? in.u4(q + id + 1) : in.i4(q + id + 1);
                default -> in.i8(q + id + 1);
            };
            q += id + 1 + size;
        }
        int fieldCount = in.u2(q);
        q += 2;
        String[] fieldNames = new String[fieldCount];
        int[] fieldTypes = new int[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            fieldNames[i] = name(in.id(q, id));
            fieldTypes[i] = in.u1(q + id);
            valueSize(p, fieldTypes[i]);
            q += id + 1;
        }
        if (q > end) {
            throw bad(p, "a class dump runs past the end of its segment");
        }
        Long nameId = classNameIds.get(address);
        String name = nameId == null ? "unknown-name@0x" + Long.toHexString(address) : Hprof.className(name(nameId));
        classes.add(new ClassDef(
                address,
                name,
                superAddress,
                loaderAddress,
                staticNames,
                staticTypes,
                staticValues,
                fieldNames,
                fieldTypes));
        object(address, p, CLASS);
        return q;
    }

    private int valueSize(long p, int type) throws HprofFormatException {
        int size = Hprof.size(type, idSize);
        if (size < 0) {
            throw bad(p, "a class dump with a value of unknown type " + type);
        }
        return size;
    }

    private String name(long stringId) {
        if (stringId == 0) {
            return "";
        }
        String s = strings.get(stringId);
        return s == null ? "unresolved name 0x" + Long.toHexString(stringId) : s;
    }

    private HprofFormatException bad(long offset, String what) {
        return new HprofFormatException(displayName + ": corrupt heap dump at offset " + offset + ": " + what);
    }
}
