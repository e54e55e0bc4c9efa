package dev.leakprobe.analyzer.heap.hprof;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The second pass: every object's class, shallow size and outbound references, by dense id, in plain arrays. The
 * objects are split into chunks of consecutive ids parsed in parallel; each chunk's references land in a buffer of
 * its own, concatenated in id order at the end, so the result is one compressed-row table.
 *
 * <p>References are the ones the MAT engine counts: an object's class first, then its fields (a weak or soft
 * reference's {@code referent} excluded) or array elements, and a thread's stack locals; duplicates and references to
 * addresses the dump does not hold are dropped, the rest in address order.
 */
final class ObjectGraph {

    private static final int CHUNKS_PER_CORE = 16;

    final int[] classOf;
    final int[] shallow;
    /** References of {@code id}: {@code refs[refStart[id] .. refStart[id + 1])}. */
    final int[] refStart;

    final int[] refs;

    private ObjectGraph(int[] classOf, int[] shallow, int[] refStart, int[] refs) {
        this.classOf = classOf;
        this.shallow = shallow;
        this.refStart = refStart;
        this.refs = refs;
    }

    static ObjectGraph build(HeapLayout layout) throws HprofFormatException {
        int n = layout.objectCount();
        int[] classOf = new int[n];
        int[] shallow = new int[n];
        int[] refStart = new int[n + 1];
        int chunks = Math.max(1, Math.min(n / 4096 + 1, Runtime.getRuntime().availableProcessors() * CHUNKS_PER_CORE));
        Growable.Ints[] buffers = new Growable.Ints[chunks];
        AtomicReference<HprofFormatException> failure = new AtomicReference<>();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            Growable.Ints out = new Growable.Ints((to - from) * 3);
            try {
                Chunk chunk = new Chunk(layout, classOf, shallow, refStart, out);
                for (int id = from; id < to && failure.get() == null; id++) {
                    chunk.read(id);
                }
            } catch (HprofFormatException e) {
                failure.compareAndSet(null, e);
            } catch (HprofBytes.Truncated e) {
                failure.compareAndSet(
                        null,
                        new HprofFormatException(layout.displayName + ": truncated heap dump: a record at offset "
                                + e.position + " runs past the end"));
            }
            buffers[c] = out;
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        long total = 0;
        for (Growable.Ints b : buffers) {
            total += b.size;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new HprofFormatException(layout.displayName + ": more than 2^31 references; too big for this engine");
        }
        int[] refs = new int[(int) total];
        int base = 0;
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            System.arraycopy(buffers[c].data, 0, refs, base, buffers[c].size);
            for (int id = from; id < to; id++) {
                refStart[id] += base;
            }
            base += buffers[c].size;
            buffers[c] = null;
        }
        refStart[n] = base;
        return new ObjectGraph(classOf, shallow, refStart, refs);
    }

    /** The arrays this graph keeps, in bytes: for the engine's memory budget. */
    long bytesKept() {
        return 4L * (classOf.length + shallow.length + refStart.length + refs.length);
    }

    int[] outbound(int id) {
        return Arrays.copyOfRange(refs, refStart[id], refStart[id + 1]);
    }

    /** Reads the objects of one chunk. Not thread safe: one per chunk. */
    private static final class Chunk {
        private final HeapLayout layout;
        private final HprofBytes in;
        private final int idSize;
        private final int[] classOf;
        private final int[] shallow;
        private final int[] refStart;
        private final Growable.Ints out;

        Chunk(HeapLayout layout, int[] classOf, int[] shallow, int[] refStart, Growable.Ints out) {
            this.layout = layout;
            this.in = layout.in.cursor();
            this.idSize = layout.idSize;
            this.classOf = classOf;
            this.shallow = shallow;
            this.refStart = refStart;
            this.out = out;
        }

        void read(int id) throws HprofFormatException {
            refStart[id] = out.size;
            long p = layout.position(id);
            switch (layout.kind(id)) {
                case RecordScanner.INSTANCE -> readInstance(id, p);
                case RecordScanner.OBJECT_ARRAY -> readObjectArray(id, p);
                case RecordScanner.PRIMITIVE_ARRAY -> readPrimitiveArray(id, p);
                case RecordScanner.CLASS -> readClass(id);
                default -> readSystemLoader(id);
            }
        }

        private void readInstance(int id, long p) throws HprofFormatException {
            long q = p + 1;
            long classAddress = in.id(q + idSize + 4, idSize);
            ClassDef c = layout.classAt(classAddress);
            if (c == null) {
                throw layout.bad(
                        p,
                        "an instance of class 0x" + Long.toHexString(classAddress)
                                + ", which the dump does not define");
            }
            long bytes = in.u4(q + 2L * idSize + 4);
            if (bytes != c.payload) {
                throw layout.bad(
                        p,
                        "an instance of " + c.name + " with " + bytes + " bytes of fields; the class" + " needs "
                                + c.payload);
            }
            long data = q + 2L * idSize + 8;
            classOf[id] = c.id;
            shallow[id] = c.instanceSize;
            int start = out.size;
            for (int offset : c.refOffsets) {
                add(in.id(data + offset, idSize));
            }
            int[] locals = layout.localsOf(id);
            if (locals != null) {
                for (int local : locals) {
                    out.add(local);
                }
            }
            finish(start, c.id);
        }

        private void readObjectArray(int id, long p) throws HprofFormatException {
            long q = p + 1;
            long length = in.u4(q + idSize + 4);
            long classAddress = in.id(q + idSize + 8, idSize);
            ClassDef c = layout.classAt(classAddress);
            if (c == null) {
                throw layout.bad(
                        p, "an object array of class 0x" + Long.toHexString(classAddress) + ", which is not a class");
            }
            classOf[id] = c.id;
            shallow[id] = sizeOfArray(c.instanceSize, length, c.instanceSize);
            int start = out.size;
            long data = q + 2L * idSize + 8;
            in.check(data, length * idSize);
            if (out.data.length < out.size + length + 1) {
                out.grow(out.size + length + 1);
            }
            for (long i = 0; i < length; i++) {
                add(in.id(data + i * idSize, idSize));
            }
            finish(start, c.id);
        }

        private void readPrimitiveArray(int id, long p) {
            long q = p + 1;
            long length = in.u4(q + idSize + 4);
            int type = in.u1(q + idSize + 8);
            ClassDef c = layout.primitiveArrayClass(type);
            classOf[id] = c.id;
            shallow[id] = sizeOfArray(c.instanceSize, length, Hprof.size(type, idSize));
            out.add(c.id);
        }

        private void readClass(int id) {
            ClassDef c = layout.classById(id);
            ClassDef javaLangClass = layout.javaLangClass;
            classOf[id] = javaLangClass.id;
            shallow[id] = c.classSize;
            int start = out.size;
            if (c.superAddress != 0) {
                add(c.superAddress);
            }
            int loader = layout.idOf(c.loaderAddress);
            if (loader >= 0) {
                out.add(loader);
            }
            for (int i = 0; i < c.staticTypes.length; i++) {
                if (c.staticTypes[i] == Hprof.OBJECT) {
                    add(c.staticValues[i]);
                }
            }
            finish(start, javaLangClass.id);
        }

        private void readSystemLoader(int id) {
            ClassDef loaderClass = layout.classLoaderClass;
            classOf[id] = loaderClass.id;
            shallow[id] = loaderClass.instanceSize;
            out.add(loaderClass.id);
        }

        private void add(long address) {
            if (address != 0) {
                int target = layout.idOf(address);
                if (target >= 0) {
                    out.add(target);
                }
            }
        }

        /** Sorts {@code out[start..)} and drops duplicates, with the class first (as the MAT engine keeps it). */
        private void finish(int start, int classId) {
            int[] d = out.data;
            int end = out.size;
            int count = end - start;
            if (count > 1) {
                if (count < 24) {
                    for (int i = start + 1; i < end; i++) {
                        int v = d[i];
                        int j = i - 1;
                        while (j >= start && d[j] > v) {
                            d[j + 1] = d[j];
                            j--;
                        }
                        d[j + 1] = v;
                    }
                } else {
                    Arrays.sort(d, start, end);
                }
            }
            // Make room for the class at the front, then copy the others, unique and without the class.
            if (out.size == out.data.length) {
                out.grow(out.size + 1);
                d = out.data;
            }
            System.arraycopy(d, start, d, start + 1, count);
            d[start] = classId;
            int w = start + 1;
            int previous = -1;
            for (int r = start + 1; r <= end; r++) {
                int v = d[r];
                if (v != classId && v != previous) {
                    d[w++] = v;
                    previous = v;
                }
            }
            out.size = w;
        }

        /** MAT's array size: a header of two identifiers and a length, then the elements, aligned to 8. */
        private static int sizeOfArray(int idSize, long length, int elementSize) {
            long size = 2L * idSize + 4 + length * elementSize;
            size = (size + 7) & ~7L;
            return (int) Math.min(Integer.MAX_VALUE, size);
        }
    }
}
