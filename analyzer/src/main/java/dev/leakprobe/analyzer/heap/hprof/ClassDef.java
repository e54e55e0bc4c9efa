package dev.leakprobe.analyzer.heap.hprof;

import java.util.Set;

/**
 * One class of the dump, from its CLASS_DUMP record (or made up, for arrays whose class the dump lacks), and the
 * instance layout flattened over its super classes once all classes are known.
 *
 * <p>Sizes follow the MAT engine (our reference): an instance is two identifiers of header plus its fields, each
 * class's fields aligned to the identifier size, the whole aligned to 8; a class object's shallow size is its static
 * fields aligned to 8.
 */
final class ClassDef {

    /** Reference classes whose {@code referent} MAT does not follow: what they refer to is not kept by them. */
    private static final Set<String> WEAK_HOLDERS = Set.of(
            "java.lang.ref.WeakReference",
            "java.lang.ref.SoftReference",
            "java.lang.ref.PhantomReference",
            "java.lang.ref.Finalizer",
            "java.lang.ref.FinalizerReference");

    final long address;
    final String name;
    final long superAddress;
    long loaderAddress;
    final String[] staticNames;
    final int[] staticTypes;
    /** Static values: an address for object statics (0 for null), the raw bits for primitives. */
    final long[] staticValues;

    final String[] fieldNames;
    final int[] fieldTypes;
    final boolean array;

    int id = -1;
    /** MAT's shallow size of an instance (the identifier size for array classes, which size themselves). */
    int instanceSize;
    /** MAT's shallow size of the class object. */
    int classSize;
    /** Flattened instance layout: this class's fields first, then its super class's, as in an INSTANCE_DUMP. */
    String[] layoutNames;

    int[] layoutTypes;
    int[] layoutOffsets;
    /** Offsets of the object fields that count as references (a weak referent does not). */
    int[] refOffsets;
    /** Bytes of field data an instance must have. */
    int payload;

    boolean weakHolder;

    ClassDef(
            long address,
            String name,
            long superAddress,
            long loaderAddress,
            String[] staticNames,
            int[] staticTypes,
            long[] staticValues,
            String[] fieldNames,
            int[] fieldTypes) {
        this.address = address;
        this.name = name;
        this.superAddress = superAddress;
        this.loaderAddress = loaderAddress;
        this.staticNames = staticNames;
        this.staticTypes = staticTypes;
        this.staticValues = staticValues;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
        this.array = name.endsWith("[]");
    }

    static ClassDef fake(long address, String name) {
        return new ClassDef(address, name, 0, 0, new String[0], new int[0], new long[0], new String[0], new int[0]);
    }

    /** Fills the layout and sizes; {@code supers} is this class and its super classes, nearest first. */
    void layOut(ClassDef[] supers, int idSize) {
        int fields = 0;
        for (ClassDef c : supers) {
            fields += c.fieldNames.length;
            weakHolder |= WEAK_HOLDERS.contains(c.name);
        }
        layoutNames = new String[fields];
        layoutTypes = new int[fields];
        layoutOffsets = new int[fields];
        int refs = 0;
        int offset = 0;
        int i = 0;
        for (ClassDef c : supers) {
            for (int f = 0; f < c.fieldNames.length; f++, i++) {
                layoutNames[i] = c.fieldNames[f];
                layoutTypes[i] = c.fieldTypes[f];
                layoutOffsets[i] = offset;
                offset += Hprof.size(c.fieldTypes[f], idSize);
                if (c.fieldTypes[f] == Hprof.OBJECT && !(weakHolder && "referent".equals(c.fieldNames[f]))) {
                    refs++;
                }
            }
        }
        payload = offset;
        refOffsets = new int[refs];
        int r = 0;
        for (int f = 0; f < fields; f++) {
            if (layoutTypes[f] == Hprof.OBJECT && !(weakHolder && "referent".equals(layoutNames[f]))) {
                refOffsets[r++] = layoutOffsets[f];
            }
        }
        instanceSize = array ? idSize : align(recursiveSize(supers, 0, idSize), 8);
        int statics = 0;
        for (int type : staticTypes) {
            statics += Hprof.size(type, idSize);
        }
        classSize = align(statics, 8);
    }

    private static int recursiveSize(ClassDef[] supers, int level, int idSize) {
        if (level >= supers.length || supers[level].superAddress == 0 || level + 1 >= supers.length) {
            return 2 * idSize;
        }
        int own = 0;
        for (int type : supers[level].fieldTypes) {
            own += Hprof.size(type, idSize);
        }
        return align(own + recursiveSize(supers, level + 1, idSize), idSize);
    }

    /** The index in the flattened layout of the first field named {@code field}, or -1. */
    int fieldIndex(String field) {
        for (int i = 0; i < layoutNames.length; i++) {
            if (layoutNames[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    static int align(int n, int to) {
        int r = n % to;
        return r == 0 ? n : n + to - r;
    }
}
