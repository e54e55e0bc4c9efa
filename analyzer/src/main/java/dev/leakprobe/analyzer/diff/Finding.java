package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why something is a suspect. */
public enum Finding {
    /** {@code diff}: its count grows from dump to dump under a holder that does not. */
    GROWTH,
    /** {@code analyze}: many objects of one class under few holders retain a large share. */
    CROWD,
    /** {@code analyze}: one object (or a few) retains a large share by itself. */
    HOLDER,
    /** {@code analyze}: the instances of one class retain a large share together, over many paths. */
    SPREAD;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
