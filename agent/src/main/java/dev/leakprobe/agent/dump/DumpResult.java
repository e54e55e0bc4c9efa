package dev.leakprobe.agent.dump;

import java.nio.file.Path;

/** What became of one dump request. */
public sealed interface DumpResult {

    record Written(Path file, long bytes, long millis, int seq) implements DumpResult {
        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** Not attempted, for a reason that is not a fault (not enough disk, directory missing). */
    record Skipped(String reason) implements DumpResult {
        @Override
        public String toString() {
            return "skipped: " + reason;
        }
    }

    record Failed(String reason) implements DumpResult {
        @Override
        public String toString() {
            return "failed: " + reason;
        }
    }
}
