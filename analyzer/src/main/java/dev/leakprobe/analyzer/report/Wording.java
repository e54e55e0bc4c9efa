package dev.leakprobe.analyzer.report;

import dev.leakprobe.analyzer.diff.Accumulated;
import dev.leakprobe.analyzer.diff.AccumulationPoint;
import dev.leakprobe.analyzer.diff.Analysis;
import dev.leakprobe.analyzer.diff.EachRetains;
import dev.leakprobe.analyzer.diff.Holder;
import dev.leakprobe.analyzer.diff.NativeGrowth;
import dev.leakprobe.analyzer.diff.Sizes;
import dev.leakprobe.analyzer.diff.Steadiness;
import dev.leakprobe.analyzer.diff.Suspect;
import java.util.List;
import java.util.Locale;

/**
 * Every sentence a report says about an analysis, in one place: the terminal, the JSON (and so the page) and the
 * exit-code line read them from here, and the model holds only facts.
 */
public final class Wording {

    private Wording() {}

    /** The one-line answer: what accumulates where, or that nothing does. */
    public static String headline(Analysis analysis) {
        int n = analysis.dumps().size();
        if (analysis.nativeGrowth().isPresent()) {
            return nativeGrowth(analysis.nativeGrowth().get(), n);
        }
        if (analysis.suspects().isEmpty()) {
            return analysis.kind() == Analysis.Kind.DIFF
                    ? "No accumulation found over " + n + " dumps: memory looks bounded"
                    : "No single object or class retains a large share of the heap";
        }
        Suspect s = analysis.suspects().get(0);
        String what = Sizes.simpleName(s.className()) + " objects";
        if (analysis.kind() == Analysis.Kind.DIFF) {
            return what(s) + " accumulate" + place(s) + ": " + Sizes.signed(s.retainedDelta()) + " over " + n
                    + " dumps";
        }
        return what + " in " + where(s.accumulationPoint()) + " retain " + Sizes.format(s.lastSize());
    }

    /**
     * Growth no heap dump shows: {@code rss grew +60 MB over 3 dumps, +57 MB of it outside the heap, unexplained by
     * heap, direct or mapped buffers: native memory, see the ledger}.
     */
    public static String nativeGrowth(NativeGrowth g, int dumps) {
        return "rss grew " + Sizes.signed(g.rssDelta()) + " over " + dumps + " dumps (" + Sizes.format(g.rssBefore())
                + " → " + Sizes.format(g.rssAfter()) + "), " + Sizes.signed(g.outsideHeap())
                + " of it outside the heap, unexplained by heap, direct or mapped buffers: native memory, see the"
                + " ledger";
    }

    /** The headline as the terminal's verdict line. */
    public static String verdictLine(Analysis analysis) {
        return (analysis.leak() ? "LEAK SUSPECTED: " : "No leak suspect. ") + headline(analysis);
    }

    /** What a suspect is, in plain words. */
    public static String description(Suspect s, int dumps) {
        Suspect.Subject subject = s.subject();
        String name = Sizes.simpleName(subject.className());
        return switch (s.finding()) {
            case GROWTH -> {
                long[] count = s.count();
                String objects = s.classLoaders()
                        ? String.format(
                                Locale.ROOT,
                                "%,d %s class loaders (%+,d) with %,d classes (%+,d)",
                                count[count.length - 1],
                                name,
                                count[count.length - 1] - count[0],
                                last(s.definedClasses()),
                                last(s.definedClasses()) - s.definedClasses()[0])
                        : String.format(
                                Locale.ROOT,
                                "%,d %s objects (%+,d)",
                                count[count.length - 1],
                                name,
                                count[count.length - 1] - count[0]);
                objects += captured(s);
                String each = s.each() == null ? "" : " " + each(s) + ".";
                yield String.format(
                        Locale.ROOT,
                        "%s accumulate%s; they retain %s of heap and %s off-heap more in the last"
                                + " dump than in the first, over %d dumps; the count %s.%s",
                        objects,
                        place(s),
                        Sizes.signed(s.heapDelta()),
                        Sizes.signed(s.offHeapDelta()),
                        dumps,
                        steadiness(s.steadiness()),
                        each);
            }
            case CROWD ->
                String.format(
                        Locale.ROOT,
                        "%d %s objects in %s retain %s (%s of heap and off-heap).",
                        subject.count(),
                        name,
                        where(s.accumulationPoint()),
                        Sizes.format(subject.size()),
                        percent(subject.share()));
            case HOLDER ->
                String.format(
                        Locale.ROOT,
                        "%s retain%s %s (%s of heap and off-heap).",
                        objects(subject.count(), name),
                        subject.count() == 1 ? "s" : "",
                        Sizes.format(subject.size()),
                        percent(subject.share()));
            case SPREAD ->
                String.format(
                        Locale.ROOT,
                        "%s retain%s %s%s (%s of heap and off-heap), over many paths; most under %s.",
                        objects(subject.count(), name),
                        subject.count() == 1 ? "s" : "",
                        Sizes.format(subject.size()),
                        subject.count() == 1 ? "" : " together",
                        percent(subject.share()),
                        where(s.accumulationPoint()));
        };
    }

    /** How steadily a count grew: {@code grew in 2 of 2 intervals}. */
    public static String steadiness(Steadiness s) {
        if (s.intervals() == 0) {
            return "one dump: no growth measured";
        }
        return "grew in " + s.growingIntervals() + " of " + s.intervals() + " interval"
                + (s.intervals() == 1 ? "" : "s");
    }

    /**
     * What accumulates, for a headline: {@code UserSession objects (+6000)}, or for class loaders
     * {@code ScriptLoader class loaders (+300, with +300 classes)}.
     */
    public static String what(Suspect s) {
        long[] count = s.count();
        String name = Sizes.simpleName(s.className());
        if (s.classLoaders()) {
            return String.format(
                    Locale.ROOT,
                    "%s class loaders (%+,d, with %+,d classes)",
                    name,
                    count[count.length - 1] - count[0],
                    last(s.definedClasses()) - s.definedClasses()[0]);
        }
        return String.format(Locale.ROOT, "%s objects (%+,d)", name, count[count.length - 1] - count[0]) + captured(s);
    }

    /** {@code  captured by lambdas of RequestHandler}, when lambdas hold the objects; else nothing. */
    private static String captured(Suspect s) {
        return s.capturedBy() == null ? "" : " captured by lambdas of " + Sizes.simpleName(s.capturedBy());
    }

    /**
     * {@code " in SessionRegistry.byToken (...)"}; for class loaders that no field of the user's code holds but
     * threads do, what keeps each: {@code ", each kept by thread "rates-refresh-N" (ProtectionDomain.classloader)"}.
     */
    static String place(Suspect s) {
        Holder h = s.holder();
        if (s.classLoaders() && h != null && h.ownerClassName() == null && heldByClassValue(s)) {
            return ", each kept by a ClassValue's value (Class.classValueMap, which the dump does not record)";
        }
        if (!s.classLoaders() || h == null || h.ownerClassName() != null || h.threadName() == null) {
            return " in " + where(s);
        }
        String thread = h.threadName();
        if (h.threadCount() > 1 && h.lastThreadName() != null) {
            String pattern = dev.leakprobe.analyzer.summary.ThreadNames.pattern(h.threadName(), h.lastThreadName());
            thread = pattern != null ? pattern : h.threadName() + "\" … \"" + h.lastThreadName();
        }
        return ", " + (h.threadCount() > 1 ? "each kept by thread \"" : "kept by thread \"") + thread + "\"" + pin(s);
    }

    private static boolean heldByClassValue(Suspect s) {
        return !s.path().isEmpty() && s.path().get(0).className().equals("java.lang.ClassValue$ClassValueMap");
    }

    /** The reference that keeps a loader, the last step of its path: {@code (ProtectionDomain.classloader)}. */
    private static String pin(Suspect s) {
        List<dev.leakprobe.analyzer.diff.PathStep> path = s.path();
        if (path.size() < 2) {
            return "";
        }
        var loader = path.get(path.size() - 1);
        var holder = path.get(path.size() - 2);
        String name = Sizes.simpleName(holder.className());
        if (holder.classObject()) {
            return " (its class " + name + ")";
        }
        boolean field = loader.field() != null && !loader.field().equals("[]");
        return " (" + name + (field ? "." + loader.field() : "") + ")";
    }

    /**
     * Where a diff suspect accumulates, at the user's own code: {@code SessionRegistry.byToken (...caffeine.cache.SSMS)};
     * without a user's field on the path, the holder's field, and the thread at the root of the path.
     */
    public static String where(Suspect s) {
        Holder h = s.holder();
        if (h == null) {
            return where(s.accumulationPoint());
        }
        String field = h.ownerClassName() == null
                ? null
                : Sizes.simpleName(h.ownerClassName()) + "." + h.field() + " (" + container(h.containerClassName())
                        + ")";
        String place;
        if (field != null && h.library() == null) {
            place = field;
        } else if (field != null) {
            // What grows is the library's, in its collection, deep inside: the user's field is where it is reached.
            place = where(s.accumulationPoint()) + " inside " + h.library() + ", reached from " + field;
        } else {
            // No field of the user's code on the path: the collection that grows, and whose it is.
            place = where(s.accumulationPoint()) + owner(s.accumulationPoint());
        }
        if (h.threadName() == null) {
            return place;
        }
        String threads = h.threadCount() > 1 && h.lastThreadName() != null
                ? String.format(
                        Locale.ROOT, "%,d threads \"%s\" … \"%s\"", h.threadCount(), h.threadName(), h.lastThreadName())
                : "thread \"" + h.threadName() + "\"";
        return place + " of " + threads + " (" + Sizes.simpleName(h.threadClassName()) + ")";
    }

    /** {@code  (org.apache.catalina.session)}: the package of a collection's owner that is no JDK class; else nothing. */
    private static String owner(AccumulationPoint point) {
        String owner = point.ownerClassName();
        if (owner == null || point.field() == null || isJdk(owner) || owner.lastIndexOf('.') < 0) {
            return "";
        }
        return " (" + owner.substring(0, owner.lastIndexOf('.')) + ")";
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.")
                || className.startsWith("javax.")
                || className.startsWith("jdk.")
                || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }

    /** A JDK container by its simple name ({@code ArrayList}); a library's with its package, which names the library. */
    static String container(String className) {
        return className.startsWith("java.") ? Sizes.simpleName(className) : className;
    }

    /** {@code each UserSession retains 2.1 KB on average, mostly byte[] (97%)}. */
    public static String each(Suspect s) {
        EachRetains e = s.each();
        String text = "Each " + Sizes.simpleName(s.className()) + " retains " + Sizes.format(e.averageBytes())
                + " on average";
        if (e.mostly().isEmpty()) {
            return text;
        }
        return text + ", mostly "
                + String.join(" → ", e.mostly().stream().map(Sizes::simpleName).toList())
                + String.format(Locale.ROOT, " (%.0f%%)", 100 * e.share());
    }

    /** {@code accumulating there: PSMS +6,000 (+12.9 MB), UserSession +6,000 (+12.5 MB), ...}. */
    public static String accumulated(Suspect s) {
        List<String> parts = new java.util.ArrayList<>();
        for (Accumulated a : s.accumulated()) {
            parts.add(String.format(
                    Locale.ROOT,
                    "%s %+,d (%s)",
                    Sizes.simpleName(a.className()),
                    a.countDelta(),
                    Sizes.signed(a.retainedDelta())));
        }
        return "accumulating there: " + String.join(", ", parts);
    }

    /**
     * Beside a class-loader leak, what the JVM's metadata did: classes loaded (class objects in each heap) and
     * metaspace in use from the agent's sidecars, first dump to last.
     */
    public static String loadedClasses(Analysis analysis) {
        var first = analysis.dumps().get(0);
        var last = analysis.last();
        String text = String.format(
                Locale.ROOT,
                "classes in the heap %,d → %,d (%+,d)",
                first.classes(),
                last.classes(),
                last.classes() - first.classes());
        if (first.metaspaceBytes() != null && last.metaspaceBytes() != null) {
            text += String.format(
                    Locale.ROOT,
                    "; metaspace %s → %s (%s)",
                    Sizes.format(first.metaspaceBytes()),
                    Sizes.format(last.metaspaceBytes()),
                    Sizes.signed(last.metaspaceBytes() - first.metaspaceBytes()));
        }
        return text;
    }

    private static long last(long[] values) {
        return values[values.length - 1];
    }

    /** {@code Room.members} when the holder is a field of an owner, else the holder's simple class name. */
    public static String where(AccumulationPoint point) {
        if (point.ownerClassName() != null && point.field() != null) {
            return Sizes.simpleName(point.ownerClassName()) + "." + point.field();
        }
        return Sizes.simpleName(point.className());
    }

    /** The terminal's first line. */
    public static String totals(Analysis analysis) {
        var first = analysis.dumps().get(0);
        var last = analysis.last();
        if (analysis.kind() == Analysis.Kind.DIFF) {
            return String.format(
                    Locale.ROOT,
                    "leakprobe diff: %d dumps; heap %s → %s, off-heap %s → %s",
                    analysis.dumps().size(),
                    Sizes.format(first.heapBytes()),
                    Sizes.format(last.heapBytes()),
                    Sizes.format(first.offHeapBytes()),
                    Sizes.format(last.offHeapBytes()));
        }
        return String.format(
                Locale.ROOT,
                "leakprobe analyze: %d objects, heap %s, off-heap %s",
                last.objects(),
                Sizes.format(last.heapBytes()),
                Sizes.format(last.offHeapBytes()));
    }

    public static String warning(String warning) {
        return "warning: " + warning;
    }

    /** The top allocation site in one line: the answer to "where do these come from?". */
    public static String allocatedAt(String frame, double share, long samples) {
        return String.format(
                Locale.ROOT, "allocated at %s (%.0f%% of %d sampled survivors)", frame, 100 * share, samples);
    }

    /**
     * The frame to name for a site: the application's own past a container or pool library, with the library's
     * frame beside it ({@code Uploads.store(Uploads.java:40) (through PooledByteBufAllocator.newDirectBuffer(...))}).
     */
    public static String siteFrame(List<String> frames, int applicationFrame) {
        if (applicationFrame > 0 && applicationFrame < frames.size()) {
            return frames.get(applicationFrame) + " (through " + frames.get(0) + ")";
        }
        return frames.get(0);
    }

    /** Beside a pool's site: every caller of the pool goes through it. */
    public static String sharedPoolSite(String poolFrame, int callers) {
        return String.format(Locale.ROOT, "the pool's site %s is shared by %d recorded callers", poolFrame, callers);
    }

    public static String directAllocatedAt(String frame, long liveBytes, long liveCount, boolean mapped) {
        return String.format(
                Locale.ROOT,
                mapped
                        ? "files mapped at %s (%s live in %d buffers)"
                        : "direct buffers allocated at %s (%s live in %d buffers)",
                frame,
                Sizes.format(liveBytes),
                liveCount);
    }

    /** Why {@code diff --fail-on-growth} exits 3. */
    public static String nativeGrewOverLimit(NativeGrowth g, long limit) {
        return "native memory grew by " + Sizes.signed(g.outsideHeap()) + ", over --fail-on-growth "
                + Sizes.format(limit);
    }

    public static String grewOverLimit(Suspect s, long limit) {
        return Sizes.simpleName(s.className()) + " grew by " + Sizes.signed(s.retainedDelta())
                + ", over --fail-on-growth " + Sizes.format(limit);
    }

    private static String objects(long count, String name) {
        return (count == 1 ? "One" : String.valueOf(count)) + " " + name + (count == 1 ? " object" : " objects");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
