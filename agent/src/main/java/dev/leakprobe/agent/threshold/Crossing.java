package dev.leakprobe.agent.threshold;

/**
 * Fires once each time a figure crosses a limit upwards. Re-arms only after the figure falls below 90% of the
 * limit, so a figure hovering around the limit does not dump again and again.
 */
final class Crossing {

    static final double REARM_FRACTION = 0.9;

    private final double limit;
    private boolean armed = true;

    Crossing(double limit) {
        this.limit = limit;
    }

    /** @return true when {@code value} has just crossed the limit */
    synchronized boolean crossed(double value) {
        if (armed && value >= limit) {
            armed = false;
            return true;
        }
        if (!armed && value < limit * REARM_FRACTION) {
            armed = true;
        }
        return false;
    }
}
