package dev.leakprobe.analyzer.heap.mat;

import dev.leakprobe.analyzer.heap.Progress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.mat.hprof.Messages;
import org.eclipse.mat.util.IProgressListener;

/** Turns MAT's progress calls into percentages of each task, and keeps its warnings. */
final class MatProgress implements IProgressListener {

    private final String dump;
    private final Progress progress;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private String task = "parsing";
    private long total;
    private long done;
    private int lastPercent = -2;

    MatProgress(String dump, Progress progress) {
        this.dump = dump;
        this.progress = progress;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void beginTask(String name, int totalWork) {
        task = name == null || name.isBlank() ? task : phase(name);
        total = totalWork;
        done = 0;
        lastPercent = -2;
        report();
    }

    @Override
    public void beginTask(Messages name, int totalWork) {
        beginTask(String.valueOf(name), totalWork);
    }

    @Override
    public void done() {}

    @Override
    public boolean isCanceled() {
        return false;
    }

    @Override
    public void setCanceled(boolean value) {}

    @Override
    public void subTask(String name) {
        if (name != null && !name.isBlank()) {
            task = phase(name);
            lastPercent = -2;
            report();
        }
    }

    @Override
    public void worked(int work) {
        done += work;
        report();
    }

    @Override
    public void sendUserMessage(Severity severity, String message, Throwable exception) {
        if (severity == Severity.WARNING || severity == Severity.ERROR) {
            // MAT's pointers to its FAQ, and an exception's own text, mean nothing to our users.
            String text = message != null
                    ? message.replaceAll("\\s*\\(?\\b[Ss]ee FAQ\\)?\\.?", "")
                    : "MAT failed on part of the dump ("
                            + (exception == null
                                    ? "no details"
                                    : exception.getClass().getSimpleName()) + ")";
            warnings.add(text.replaceAll("\\s+", " ").trim());
        }
    }

    /** MAT's task names carry the scratch path and message keys: say which phase it is in plain words. */
    static String phase(String name) {
        if (name.contains("Scanning") || name.contains("Parsing")) {
            return "scanning";
        }
        if (name.contains("Extracting")) {
            return "reading objects";
        }
        if (name.contains("GarbageCleaner")) {
            return "dropping unreachable objects";
        }
        if (name.contains("DominatorTree")) {
            return "computing the dominator tree";
        }
        if (name.contains("Writing")) {
            return "writing indexes";
        }
        return name.replaceAll("/\\S+", "").replaceAll("\\s+", " ").trim();
    }

    private void report() {
        int percent = total > 0 ? (int) Math.min(100, done * 100 / total) : -1;
        if (percent != lastPercent) {
            lastPercent = percent;
            progress.step(dump, task, percent);
        }
    }
}
