package dev.leakprobe.agent.signal;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether JFR is sampling threads right now, which on Linux means HotSpot is sending the suspend signal (SIGUSR2
 * unless {@code _JAVA_SR_SIGNUM} moved it) to running threads many times a second.
 *
 * <p>Never initializes JFR: when no recording was ever started, {@link FlightRecorder#isInitialized()} is false
 * and we look no further. Callers catch {@link LinkageError}: a jlinked runtime may lack the jdk.jfr module.
 */
final class JfrSampling {

    private JfrSampling() {}

    static boolean samplingThreads() {
        if (!FlightRecorder.isInitialized()) {
            return false;
        }
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getState() == RecordingState.RUNNING
                    && "true".equals(recording.getSettings().get("jdk.ExecutionSample#enabled"))) {
                return true;
            }
        }
        return false;
    }
}
