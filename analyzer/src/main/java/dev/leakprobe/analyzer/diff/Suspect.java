package dev.leakprobe.analyzer.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A place where objects accumulate. Per-dump arrays have one entry per dump, oldest first.
 *
 * @param rank 1 for the first suspect
 * @param className the accumulating class
 * @param retained heap retained by the accumulated objects at each dump
 * @param offHeap direct-buffer memory they retain at each dump
 * @param allocationSites where the sampled survivors of {@code className} were allocated, most first
 * @param offHeapSites the direct-buffer sites of this suspect's own code, most live bytes first
 * @param subject what a sentence about this suspect is about (for {@code analyze}: the holder may not be
 *     {@code className})
 * @param score what suspects are ranked by: retained growth (heap + off-heap), weighted by steadiness
 * @param holder the user's field and container holding the accumulation (diff suspects; null otherwise)
 * @param accumulated what accumulates under the holder, by class, most retained growth first (diff suspects)
 * @param each what one object of {@code className} retains in the last dump (diff suspects)
 * @param definedClasses when the accumulated objects are class loaders: the classes they defined, per dump
 * @param capturedBy when the accumulated objects are held by lambdas (callbacks, tasks): the class whose code made
 *     the lambdas, which a user reads as where they came from (a dump holds no method of a lambda, only its class)
 */
public record Suspect(
        int rank,
        Finding finding,
        String className,
        AccumulationPoint accumulationPoint,
        List<PathStep> path,
        String pathText,
        long[] count,
        long[] retained,
        long[] offHeap,
        @JsonIgnore Steadiness steadiness,
        List<AllocationSite> allocationSites,
        List<OffHeapSite> offHeapSites,
        @JsonIgnore Subject subject,
        @JsonIgnore double score,
        @JsonInclude(JsonInclude.Include.NON_NULL) Holder holder,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Accumulated> accumulated,
        @JsonInclude(JsonInclude.Include.NON_NULL) EachRetains each,
        @JsonInclude(JsonInclude.Include.NON_NULL) long[] definedClasses,
        @JsonInclude(JsonInclude.Include.NON_NULL) String capturedBy) {

    /** A suspect whose objects no lambda holds. */
    public Suspect(
            int rank,
            Finding finding,
            String className,
            AccumulationPoint accumulationPoint,
            List<PathStep> path,
            String pathText,
            long[] count,
            long[] retained,
            long[] offHeap,
            Steadiness steadiness,
            List<AllocationSite> allocationSites,
            List<OffHeapSite> offHeapSites,
            Subject subject,
            double score,
            Holder holder,
            List<Accumulated> accumulated,
            EachRetains each,
            long[] definedClasses) {
        this(
                rank,
                finding,
                className,
                accumulationPoint,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                allocationSites,
                offHeapSites,
                subject,
                score,
                holder,
                accumulated,
                each,
                definedClasses,
                null);
    }

    /**
     * @param count how many objects
     * @param size their heap plus off-heap in the one dump of {@code analyze}
     * @param share {@code size} over the dump's heap plus off-heap
     */
    public record Subject(String className, long count, long size, double share) {}

    /** A suspect as a finder sees it, before ranks and sites. */
    static Suspect found(
            Finding finding,
            String className,
            AccumulationPoint point,
            List<PathStep> path,
            String pathText,
            long[] count,
            long[] retained,
            long[] offHeap,
            Steadiness steadiness,
            Subject subject,
            double score) {
        return new Suspect(
                0,
                finding,
                className,
                point,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                List.of(),
                List.of(),
                subject,
                score,
                null,
                List.of(),
                null,
                null,
                null);
    }

    /** The suspect without thread names, which are strings from the heap ({@code --redact}). */
    public Suspect withoutThreadNames() {
        List<PathStep> steps = path.stream()
                .map(p -> new PathStep(p.className(), p.field(), p.rootKind(), p.classObject(), null))
                .toList();
        Holder h = holder == null
                ? null
                : new Holder(
                        holder.ownerClassName(),
                        holder.field(),
                        holder.containerClassName(),
                        null,
                        holder.threadName() == null ? null : holder.threadClassName(),
                        holder.library());
        return new Suspect(
                rank,
                finding,
                className,
                accumulationPoint,
                steps,
                PathTree.pathText(steps, count[count.length - 1]),
                count,
                retained,
                offHeap,
                steadiness,
                allocationSites,
                offHeapSites,
                subject,
                score,
                h,
                accumulated,
                each,
                definedClasses,
                capturedBy);
    }

    /** The suspect with the class whose lambdas hold its objects. */
    Suspect capturedBy(String lambdaHost) {
        return new Suspect(
                rank,
                finding,
                className,
                accumulationPoint,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                allocationSites,
                offHeapSites,
                subject,
                score,
                holder,
                accumulated,
                each,
                definedClasses,
                lambdaHost);
    }

    /** The class loaders' classes, when the accumulated objects are loaders. */
    public boolean classLoaders() {
        return definedClasses != null;
    }

    Suspect withDetails(
            Holder newHolder, List<Accumulated> newAccumulated, EachRetains newEach, long[] newDefinedClasses) {
        return new Suspect(
                rank,
                finding,
                className,
                accumulationPoint,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                allocationSites,
                offHeapSites,
                subject,
                score,
                newHolder,
                List.copyOf(newAccumulated),
                newEach,
                newDefinedClasses,
                capturedBy);
    }

    @JsonProperty
    public long heapDelta() {
        return retained[retained.length - 1] - retained[0];
    }

    @JsonProperty
    public long offHeapDelta() {
        return offHeap[offHeap.length - 1] - offHeap[0];
    }

    /** Heap plus off-heap, last dump minus first. */
    @JsonProperty
    public long retainedDelta() {
        return heapDelta() + offHeapDelta();
    }

    /** Heap plus off-heap in the last dump. */
    public long lastSize() {
        return retained[retained.length - 1] + offHeap[offHeap.length - 1];
    }

    Suspect withRank(int newRank) {
        return new Suspect(
                newRank,
                finding,
                className,
                accumulationPoint,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                allocationSites,
                offHeapSites,
                subject,
                score,
                holder,
                accumulated,
                each,
                definedClasses,
                capturedBy);
    }

    Suspect withSites(List<AllocationSite> allocation, List<OffHeapSite> direct) {
        return new Suspect(
                rank,
                finding,
                className,
                accumulationPoint,
                path,
                pathText,
                count,
                retained,
                offHeap,
                steadiness,
                List.copyOf(allocation),
                List.copyOf(direct),
                subject,
                score,
                holder,
                accumulated,
                each,
                definedClasses,
                capturedBy);
    }
}
