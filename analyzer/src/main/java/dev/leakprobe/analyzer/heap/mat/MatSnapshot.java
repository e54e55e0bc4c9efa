package dev.leakprobe.analyzer.heap.mat;

import dev.leakprobe.analyzer.heap.HeapSnapshot;
import java.util.BitSet;
import java.util.List;
import org.eclipse.mat.SnapshotException;
import org.eclipse.mat.parser.index.IIndexReader;
import org.eclipse.mat.parser.internal.SnapshotImpl;
import org.eclipse.mat.snapshot.ISnapshot;
import org.eclipse.mat.snapshot.model.Field;
import org.eclipse.mat.snapshot.model.GCRootInfo;
import org.eclipse.mat.snapshot.model.IClass;
import org.eclipse.mat.snapshot.model.IInstance;
import org.eclipse.mat.snapshot.model.IObject;
import org.eclipse.mat.snapshot.model.ObjectReference;

/** {@link HeapSnapshot} over an opened MAT {@link ISnapshot}. MAT's checked exceptions become unchecked ones. */
final class MatSnapshot implements HeapSnapshot {

    private static final Object NAME_RESOLVERS = new Object();

    private final ISnapshot snapshot;
    private final List<String> warnings;
    /**
     * Which ids are class objects, and the class of every object, read once: the summary asks both for every
     * object, and MAT answers each through a hash lookup of its class cache (a tenth of the summary's time on a dump
     * of 11 million objects).
     */
    private final BitSet classObjects = new BitSet();

    private final IIndexReader.IOne2OneIndex objectToClass;

    MatSnapshot(ISnapshot snapshot, List<String> warnings) {
        this.snapshot = snapshot;
        this.warnings = warnings;
        try {
            for (IClass c : snapshot.getClasses()) {
                classObjects.set(c.getObjectId());
            }
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
        this.objectToClass =
                snapshot instanceof SnapshotImpl impl ? impl.getIndexManager().o2class() : null;
    }

    @Override
    public int objectCount() {
        return snapshot.getSnapshotInfo().getNumberOfObjects();
    }

    @Override
    public int[] dominated(int id) {
        try {
            int[] ids = snapshot.getImmediateDominatedIds(id);
            return ids == null ? new int[0] : ids;
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int dominator(int id) {
        try {
            return snapshot.getImmediateDominatorId(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int classOf(int id) {
        if (objectToClass != null && !classObjects.get(id)) {
            return objectToClass.get(id);
        }
        try {
            return snapshot.getClassOf(id).getObjectId();
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String className(int classObjectId) {
        return ((IClass) object(classObjectId)).getName();
    }

    @Override
    public boolean isClassObject(int id) {
        return classObjects.get(id);
    }

    @Override
    public int classLoaderOf(int classObjectId) {
        return ((IClass) object(classObjectId)).getClassLoaderId();
    }

    @Override
    public boolean isArray(int id) {
        return snapshot.isArray(id);
    }

    @Override
    public long shallow(int id) {
        try {
            return snapshot.getHeapSize(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long retained(int id) {
        try {
            return snapshot.getRetainedHeapSize(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String label(int id) {
        IObject object = object(id);
        String name = object instanceof IClass c
                ? "class " + c.getName()
                : object.getClazz().getName();
        String specific = null;
        try {
            if (!(object instanceof IClass)) {
                // MAT's resolver registry is a lazily filled static: one caller at a time across parallel dumps.
                synchronized (NAME_RESOLVERS) {
                    specific = object.getClassSpecificName();
                }
            }
        } catch (RuntimeException e) {
            // Name resolvers read fields of odd dumps; a missing name is fine.
        }
        if (specific == null || specific.isBlank()) {
            return name;
        }
        String value = specific.length() > 80 ? specific.substring(0, 77) + "..." : specific;
        return name + " \"" + value.replaceAll("\\p{Cntrl}", " ") + "\"";
    }

    @Override
    public String referenceName(int from, int to) {
        if (snapshot.isArray(from)) {
            return "[]";
        }
        IObject object = object(from);
        List<Field> fields = object instanceof IClass c
                ? c.getStaticFields()
                : object instanceof IInstance i ? i.getFields() : List.of();
        for (Field field : fields) {
            if (field.getValue() instanceof ObjectReference ref && idOf(ref) == to) {
                return field.getName();
            }
        }
        return null;
    }

    @Override
    public int[] outbound(int id) {
        try {
            return snapshot.getOutboundReferentIds(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int[] gcRoots() {
        try {
            return snapshot.getGCRoots();
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Roots that live only as long as a stack frame, a native call or a held monitor: they come and go. */
    private static final int STACK_TYPES = GCRootInfo.Type.JAVA_LOCAL
            | GCRootInfo.Type.NATIVE_LOCAL
            | GCRootInfo.Type.NATIVE_STACK
            | GCRootInfo.Type.THREAD_BLOCK
            | GCRootInfo.Type.BUSY_MONITOR;

    @Override
    public int rootFlags(int id) {
        GCRootInfo[] infos;
        try {
            infos = snapshot.getGCRootInfo(id);
        } catch (SnapshotException e) {
            return 0;
        }
        if (infos == null || infos.length == 0) {
            return 0;
        }
        boolean stackOnly = true;
        boolean thread = false;
        for (GCRootInfo info : infos) {
            stackOnly &= (info.getType() & STACK_TYPES) != 0;
            thread |= info.getType() == GCRootInfo.Type.THREAD_OBJ;
        }
        return (stackOnly ? STACK_ONLY_ROOT : 0) | (thread ? THREAD_ROOT : 0);
    }

    @Override
    public String rootKind(int id) {
        try {
            GCRootInfo[] infos = snapshot.getGCRootInfo(id);
            return infos == null || infos.length == 0 ? null : GCRootInfo.getTypeSetAsString(infos);
        } catch (SnapshotException e) {
            return null;
        }
    }

    @Override
    public int[] instancesOf(String className) {
        try {
            var classes = snapshot.getClassesByName(className, true);
            if (classes == null) {
                return new int[0];
            }
            int[] all = new int[0];
            for (IClass c : classes) {
                int[] ids = c.getObjectIds();
                int[] merged = java.util.Arrays.copyOf(all, all.length + ids.length);
                System.arraycopy(ids, 0, merged, all.length, ids.length);
                all = merged;
            }
            return all;
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int referenceField(int id, String field) {
        if (!(object(id) instanceof IInstance instance)) {
            return -1;
        }
        Field f = instance.getField(field);
        return f != null && f.getValue() instanceof ObjectReference ref ? idOf(ref) : -1;
    }

    @Override
    public Long primitiveField(int id, String field) {
        if (!(object(id) instanceof IInstance instance)) {
            return null;
        }
        Field f = instance.getField(field);
        if (f == null) {
            return null;
        }
        Object value = f.getValue();
        return value instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }

    @Override
    public long address(int id) {
        try {
            return snapshot.mapIdToAddress(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() {
        snapshot.dispose();
    }

    private IObject object(int id) {
        try {
            return snapshot.getObject(id);
        } catch (SnapshotException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reference to an object MAT dropped (unreachable) or never saw resolves to -1. */
    private int idOf(ObjectReference ref) {
        try {
            return ref.getObjectId();
        } catch (SnapshotException | RuntimeException e) {
            return -1;
        }
    }
}
