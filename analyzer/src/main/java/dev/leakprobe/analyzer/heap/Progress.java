package dev.leakprobe.analyzer.heap;

/** Where a long parse reports how far it got. Implementations must be thread safe: dumps are parsed in parallel. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void step(String dump, String task, int percent) {}

        @Override
        public void finished(String dump, String message) {}
    };

    /** {@code percent} is 0..100 of {@code task}, or -1 when the task has no known size. */
    void step(String dump, String task, int percent);

    void finished(String dump, String message);
}
