package dev.leakprobe.analyzer.diff;

/** Plain words shared by the finders and the reports. */
public final class Descriptions {

    private Descriptions() {}

    /** {@code Room.members} when the holder is a field of an owner, else the holder's simple class name. */
    public static String where(AccumulationPoint point) {
        if (point.ownerClassName() != null && point.field() != null) {
            return Sizes.simpleName(point.ownerClassName()) + "." + point.field();
        }
        return Sizes.simpleName(point.className());
    }
}
