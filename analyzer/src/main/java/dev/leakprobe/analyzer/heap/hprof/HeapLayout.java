package dev.leakprobe.analyzer.heap.hprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the first pass found, by dense id: where each object's record is, its kind, the classes with their layouts,
 * and the GC roots. Made-up objects complete the picture the way the MAT engine does: an object at address 0 for the
 * bootstrap class loader, and classes for arrays whose class the dump lacks.
 */
final class HeapLayout {

    /** The first pass's cursor; other threads read through {@link #bytes()}. */
    final HprofBytes in;

    /** More fields than this over all classes' flattened layouts: a crafted dump (a JVM has a few hundred thousand). */
    static final long MAX_FLATTENED_FIELDS = 1 << 24;

    private final ThreadLocal<HprofBytes> cursors;
    /** Objects the engine made up: the bootstrap loader, and classes the dump lacks. */
    private int madeUp = 1;

    final int idSize;
    final String displayName;
    final AddressIndex index;
    private final FilePositions positions;
    private final byte[] kinds;
    final List<ClassDef> classes;
    private final LongIntHash classByAddress;
    private final LongIntHash classById;
    final ClassDef javaLangClass;
    final ClassDef classLoaderClass;
    private final ClassDef[] primitiveArrayClasses = new ClassDef[12];
    /** Stack locals by thread id, as references from the thread (the MAT engine's model). */
    private final Map<Integer, int[]> locals;
    /** Threads that have locals: a bit test per instance instead of a boxed map lookup. */
    private final java.util.BitSet hasLocals = new java.util.BitSet();
    /** GC root kind bits by object id, for the global roots. */
    final Map<Integer, Integer> rootKinds;

    private HeapLayout(RecordScanner scan, String displayName) throws HprofFormatException {
        this.in = scan.in();
        this.cursors = ThreadLocal.withInitial(in::cursor);
        this.idSize = scan.idSize;
        this.displayName = displayName;
        this.classes = scan.classes;
        addMadeUpClasses(scan);
        Growable.Longs addresses = scan.objectAddresses;
        int records = addresses.size;
        long[] sorted = new long[records + 1];
        System.arraycopy(addresses.data, 0, sorted, 0, records);
        sorted[records] = 0; // the bootstrap class loader
        index = new AddressIndex(sorted);
        long duplicate = index.firstDuplicate();
        if (duplicate >= 0) {
            throw new HprofFormatException(
                    displayName + ": corrupt heap dump: two objects at address 0x" + Long.toHexString(duplicate));
        }
        int n = index.size();
        if (in.length() > FilePositions.MAX_DUMP_BYTES) {
            throw new HprofFormatException(displayName + ": a heap dump of 1 TB or more is beyond this engine");
        }
        positions = new FilePositions(n, in.length());
        kinds = new byte[n];
        long[] recordAddresses = addresses.data;
        long[] recordPositions = scan.objectPositions.data;
        byte[] recordKinds = scan.objectKinds.data;
        IntStream.range(0, records).parallel().forEach(i -> {
            int id = index.idOf(recordAddresses[i]);
            positions.set(id, recordPositions[i]);
            kinds[id] = recordKinds[i];
        });
        int loader = index.idOf(0);
        positions.set(loader, -1);
        kinds[loader] = RecordScanner.SYSTEM_LOADER;
        classByAddress = new LongIntHash(classes.size());
        classById = new LongIntHash(classes.size());
        for (int i = 0; i < classes.size(); i++) {
            ClassDef c = classes.get(i);
            c.id = index.idOf(c.address);
            classByAddress.put(c.address, i);
            classById.put(c.id, i);
        }
        javaLangClass = required("java.lang.Class");
        classLoaderClass = required("java.lang.ClassLoader");
        layOutClasses();
        for (ClassDef c : classes) {
            if (c.array && c.name.indexOf('[') == c.name.length() - 2) {
                for (int type = Hprof.BOOLEAN; type <= Hprof.LONG; type++) {
                    if (c.name.equals(Hprof.primitiveArrayName(type)) && primitiveArrayClasses[type] == null) {
                        primitiveArrayClasses[type] = c;
                    }
                }
            }
        }
        locals = new HashMap<>();
        rootKinds = new HashMap<>();
        readRoots(scan);
    }

    static HeapLayout of(RecordScanner scan, String displayName) throws HprofFormatException {
        return new HeapLayout(scan, displayName);
    }

    /** The objects the file holds: without the made-up bootstrap loader and classes. */
    int fileObjectCount() {
        return objectCount() - madeUp;
    }

    /** The made-up object at address 0 that stands for the bootstrap class loader. */
    int systemLoader() {
        return index.idOf(0);
    }

    /** The per-object arrays this layout keeps, in bytes (classes, names and roots aside): the memory budget. */
    long bytesKept() {
        return index.bytesKept() + positions.bytesKept() + kinds.length;
    }

    int objectCount() {
        return kinds.length;
    }

    long position(int id) {
        return positions.get(id);
    }

    byte kind(int id) {
        return kinds[id];
    }

    /** A primitive array's element count and type, and where its elements start. */
    record PrimitiveArray(long length, int type, long data) {}

    PrimitiveArray primitiveArray(int id) {
        long q = position(id) + 1;
        HprofBytes bytes = bytes();
        return new PrimitiveArray(bytes.u4(q + idSize + 4), bytes.u1(q + idSize + 8), q + idSize + 9);
    }

    /** This thread's cursor over the dump, for reads on demand (labels, fields). */
    HprofBytes bytes() {
        return cursors.get();
    }

    int idOf(long address) {
        return index.idOf(address);
    }

    ClassDef classAt(long address) {
        int i = classByAddress.get(address);
        return i < 0 ? null : classes.get(i);
    }

    ClassDef classById(int id) {
        int i = classById.get(id);
        return i < 0 ? null : classes.get(i);
    }

    ClassDef primitiveArrayClass(int type) {
        return primitiveArrayClasses[type];
    }

    int[] localsOf(int thread) {
        return hasLocals.get(thread) ? locals.get(thread) : null;
    }

    HprofFormatException bad(long offset, String what) {
        return new HprofFormatException(displayName + ": corrupt heap dump at offset " + offset + ": " + what);
    }

    /**
     * Classes the dump lacks but its arrays need: an object array's class at its own address, a primitive array's at
     * the lowest free small address (the MAT engine's choice, so addresses match).
     */
    private void addMadeUpClasses(RecordScanner scan) throws HprofFormatException {
        LongIntHash known = new LongIntHash(classes.size());
        for (int i = 0; i < classes.size(); i++) {
            known.put(classes.get(i).address, i);
        }
        List<ClassDef> made = new ArrayList<>();
        for (long address : scan.objectArrayClassAddresses()) {
            if (known.get(address) < 0) {
                made.add(ClassDef.fake(address, "unknown-class[]"));
            }
        }
        long next = 0;
        for (int type = Hprof.BOOLEAN; type <= Hprof.LONG; type++) {
            if ((scan.primitiveArrayTypes & (1 << type)) == 0) {
                continue;
            }
            String name = Hprof.primitiveArrayName(type);
            boolean present = classes.stream().anyMatch(c -> c.name.equals(name));
            if (!present) {
                made.add(ClassDef.fake(++next, name));
            }
        }
        madeUp += made.size();
        for (ClassDef c : made) {
            classes.add(c);
            scan.objectAddresses.add(c.address);
            scan.objectPositions.add(-1);
            scan.objectKinds.add(RecordScanner.CLASS);
        }
    }

    private ClassDef required(String name) throws HprofFormatException {
        for (ClassDef c : classes) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        throw new HprofFormatException(displayName + ": not a Java heap dump: it defines no class " + name);
    }

    /**
     * Flattens each class's fields over its super classes. A class that is its own ancestor (A extends B, B extends
     * A) exists in no JVM: the dump is refused in one line, before any walk of the super classes can loop or any
     * layout grow without bound.
     */
    private void layOutClasses() throws HprofFormatException {
        long flattened = 0;
        for (ClassDef c : classes) {
            List<ClassDef> supers = new ArrayList<>();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (ClassDef s = c; s != null; s = s.superAddress == 0 ? null : classAt(s.superAddress)) {
                if (!seen.add(s.address)) {
                    throw new HprofFormatException(displayName + ": corrupt heap dump: class " + c.name
                            + " is its own super class (its super classes loop back through " + s.name + ")");
                }
                supers.add(s);
                flattened += s.fieldNames.length;
            }
            if (flattened > MAX_FLATTENED_FIELDS) {
                throw new HprofFormatException(displayName + ": corrupt heap dump: its classes' fields, counted over"
                        + " their super classes, come to more than " + MAX_FLATTENED_FIELDS
                        + " (class " + c.name + " has " + supers.size() + " super classes); no JVM makes such a heap");
            }
            c.layOut(supers.toArray(ClassDef[]::new), idSize);
            if (c.loaderAddress != 0 && index.idOf(c.loaderAddress) < 0) {
                // Newer JVMs give the bootstrap loader an address of its own that the dump does not hold.
                c.loaderAddress = 0;
            }
        }
    }

    /**
     * Global roots by object; stack roots of a known thread become that thread's locals. Classes of the bootstrap
     * loader are system-class roots even when the dump does not say so (older jmap dumps), array classes excepted.
     */
    private void readRoots(RecordScanner scan) {
        Map<Integer, Growable.Ints> threadLocals = new HashMap<>();
        for (int i = 0; i < scan.rootAddresses.size; i++) {
            int object = index.idOf(scan.rootAddresses.data[i]);
            if (object < 0) {
                continue;
            }
            long thread = scan.rootThreads.data[i];
            if (thread != 0) {
                int threadId = index.idOf(thread);
                if (threadId >= 0) {
                    threadLocals
                            .computeIfAbsent(threadId, k -> new Growable.Ints(8))
                            .add(object);
                }
                continue;
            }
            rootKinds.merge(object, scan.rootKinds.data[i], (a, b) -> a | b);
        }
        threadLocals.forEach((thread, list) -> {
            locals.put(thread, list.toArray());
            hasLocals.set(thread);
        });
        for (ClassDef c : classes) {
            if (c.loaderAddress == 0 && !c.array && !rootKinds.containsKey(c.id)) {
                rootKinds.put(c.id, Hprof.GC_SYSTEM_CLASS);
            }
        }
    }
}
