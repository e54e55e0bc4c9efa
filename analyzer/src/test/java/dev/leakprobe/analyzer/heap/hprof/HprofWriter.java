package dev.leakprobe.analyzer.heap.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small HPROF 1.0.2 dumps (8-byte identifiers) for tests: classes with object fields and statics, instances,
 * object and primitive arrays, and GC roots, so that each test builds a heap whose answer it knows. The classes every
 * JVM dump has ({@code java.lang.Object}, {@code Class}, {@code ClassLoader}) are defined up front. Names are
 * written as given, whatever characters they hold (tests of hostile dumps rely on it).
 */
public final class HprofWriter {

    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final ByteArrayOutputStream heapBytes = new ByteArrayOutputStream();
    private final DataOutputStream heap = new DataOutputStream(heapBytes);
    private final DataOutputStream stringOut = new DataOutputStream(strings);
    private final Map<String, Long> stringIds = new HashMap<>();
    private final Map<Long, List<String>> fieldsOf = new LinkedHashMap<>();
    private long nextAddress;
    private long nextString = 1;
    private int classSerial = 1;
    private int threadSerial = 1;
    public final long objectClass;
    public final long classClass;
    public final long loaderClass;

    /** Identifier size of the dump: 8 (as 64-bit JVMs write) or 4. */
    private final int idSize;

    public HprofWriter() {
        this(8, 0x1000_0000L);
    }

    /**
     * @param idSize 4 or 8 bytes per identifier
     * @param firstAddress where the objects' addresses start (at or above 2^63 for unsigned-address tests)
     */
    public HprofWriter(int idSize, long firstAddress) {
        this.idSize = idSize;
        this.nextAddress = firstAddress;
        objectClass = defineClass("java.lang.Object", 0);
        classClass = defineClass("java.lang.Class", objectClass);
        loaderClass = defineClass("java.lang.ClassLoader", objectClass);
    }

    /** A class whose instances have the given object fields; its statics may follow as name, value pairs. */
    public long defineClass(String name, long superClass, String... objectFields) {
        return defineClassWithStatics(name, superClass, Map.of(), objectFields);
    }

    public long defineClassWithStatics(
            String name, long superClass, Map<String, Long> statics, String... objectFields) {
        return defineClassAt(allocate(16), name, superClass, statics, objectFields);
    }

    /** A class at an address chosen before (to name it as another class's super class before it is written). */
    public long defineClassAt(
            long address, String name, long superClass, Map<String, Long> statics, String... objectFields) {
        long nameId = string(name.replace('.', '/'));
        try {
            // LOAD_CLASS goes with the strings, before the heap dump.
            stringOut.writeByte(0x02);
            stringOut.writeInt(0);
            stringOut.writeInt(4 + idSize + 4 + idSize);
            stringOut.writeInt(classSerial++);
            id(stringOut, address);
            stringOut.writeInt(0);
            id(stringOut, nameId);
            heap.writeByte(0x20);
            id(heap, address);
            heap.writeInt(0);
            id(heap, superClass);
            id(heap, 0); // bootstrap loader
            id(heap, 0);
            id(heap, 0);
            id(heap, 0);
            id(heap, 0);
            heap.writeInt(2 * idSize + idSize * objectFields.length);
            heap.writeShort(0);
            heap.writeShort(statics.size());
            for (Map.Entry<String, Long> s : statics.entrySet()) {
                id(heap, string(s.getKey()));
                heap.writeByte(2);
                id(heap, s.getValue());
            }
            heap.writeShort(objectFields.length);
            for (String f : objectFields) {
                id(heap, string(f));
                heap.writeByte(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fieldsOf.put(address, List.of(objectFields));
        return address;
    }

    /** Objects written from now on get addresses from {@code address} up. */
    public void continueAddressesAt(long address) {
        nextAddress = address;
    }

    public long newAddress() {
        return allocate(16);
    }

    /** An instance at a fresh address: the values of its class's own fields (this writer's classes only). */
    public long instance(long classAddress, long... fieldValues) {
        long address = allocate(16 + 8L * fieldValues.length);
        instanceAt(address, classAddress, fieldValues);
        return address;
    }

    /** An instance at an address chosen before (to refer to it before it is written). */
    public void instanceAt(long address, long classAddress, long... fieldValues) {
        try {
            heap.writeByte(0x21);
            id(heap, address);
            heap.writeInt(0);
            id(heap, classAddress);
            heap.writeInt(idSize * fieldValues.length);
            for (long v : fieldValues) {
                id(heap, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long objectArray(long arrayClass, long... elements) {
        long address = allocate(24 + 8L * elements.length);
        try {
            heap.writeByte(0x22);
            id(heap, address);
            heap.writeInt(0);
            heap.writeInt(elements.length);
            id(heap, arrayClass);
            for (long e : elements) {
                id(heap, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return address;
    }

    /** A damaged object array: its record claims {@code length} elements (negative, say) and holds none. */
    public long objectArrayClaiming(int length, long arrayClass) {
        long address = allocate(24);
        try {
            heap.writeByte(0x22);
            id(heap, address);
            heap.writeInt(0);
            heap.writeInt(length);
            id(heap, arrayClass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return address;
    }

    public long byteArray(byte[] content) {
        long address = allocate(24 + content.length);
        try {
            heap.writeByte(0x23);
            id(heap, address);
            heap.writeInt(0);
            heap.writeInt(content.length);
            heap.writeByte(8);
            heap.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return address;
    }

    public void stickyClassRoot(long address) {
        root(0x05, address);
    }

    public void jniGlobalRoot(long address) {
        try {
            heap.writeByte(0x01);
            id(heap, address);
            id(heap, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A thread object root; returns its serial for {@link #javaFrameRoot}. */
    public int threadRoot(long thread) {
        int serial = threadSerial++;
        try {
            heap.writeByte(0x08);
            id(heap, thread);
            heap.writeInt(serial);
            heap.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serial;
    }

    public void javaFrameRoot(long address, int threadSerial) {
        try {
            heap.writeByte(0x03);
            id(heap, address);
            heap.writeInt(threadSerial);
            heap.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void root(int tag, long address) {
        try {
            heap.writeByte(tag);
            id(heap, address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(out);
            data.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII));
            data.writeByte(0);
            data.writeInt(idSize);
            data.writeLong(System.currentTimeMillis());
            data.write(strings.toByteArray());
            heap.flush();
            byte[] body = heapBytes.toByteArray();
            data.writeByte(0x1C);
            data.writeInt(0);
            data.writeInt(body.length);
            data.write(body);
            data.writeByte(0x2C);
            data.writeInt(0);
            data.writeInt(0);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private long string(String s) {
        Long known = stringIds.get(s);
        if (known != null) {
            return known;
        }
        long id = nextString++;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        try {
            stringOut.writeByte(0x01);
            stringOut.writeInt(0);
            stringOut.writeInt(idSize + bytes.length);
            id(stringOut, id);
            stringOut.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stringIds.put(s, id);
        return id;
    }

    private void id(DataOutputStream out, long value) throws IOException {
        if (idSize == 4) {
            out.writeInt((int) value);
        } else {
            out.writeLong(value);
        }
    }

    private long allocate(long size) {
        long address = nextAddress;
        nextAddress += (size + 7) & ~7L;
        return address;
    }
}
