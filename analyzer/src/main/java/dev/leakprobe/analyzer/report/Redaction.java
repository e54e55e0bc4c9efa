package dev.leakprobe.analyzer.report;

import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.Suspect;
import dev.leakprobe.analyzer.summary.DominatorEntry;

/**
 * {@code --redact}: a report without the string values that labels take from the heap ({@code String "s3cr3t"}
 * becomes {@code String}; thread names go too), for reports that leave the machine. Class, field and frame names stay: they are code.
 */
public final class Redaction {

    private Redaction() {}

    public static Analysis apply(Analysis analysis) {
        return analysis.withDominators(analysis.dominators().stream()
                        .map(d -> new DominatorEntry(
                                d.className(), label(d.label()), d.shallow(), d.retained(), d.offHeap()))
                        .toList())
                .withSuspects(analysis.suspects().stream()
                        .map(Suspect::withoutThreadNames)
                        .toList());
    }

    /** A label is the class name, then the object's value in quotes: the value goes. */
    static String label(String label) {
        if (label == null) {
            return null;
        }
        int quote = label.indexOf(" \"");
        return quote < 0 ? label : label.substring(0, quote);
    }
}
