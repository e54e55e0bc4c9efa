package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.DumpInfo;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.format.schema.AllocSites;
import dev.leakprobe.format.schema.DirectSites;
import dev.leakprobe.format.schema.MemoryFigures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins what the agent wrote beside the dumps to what the finders found: each suspect's own allocation and off-heap
 * sites, the off-heap table of all sites, and the timeline from {@code metrics.jsonl}.
 *
 * <p>A suspect's allocation sites are those of the sampled survivors of its class in the last dump (their site ids
 * are in the heap). Its off-heap sites are the sites of the very buffers under its path in the last dump, joined by
 * address ({@link BufferSiteJoin}): the agent lists each live buffer's address under its site, the summary each
 * buffer's address and node. Files without addresses (older agents and summaries) fall back to a join by code: the
 * direct-buffer sites whose frames name a class of its own code, a class on its retention path outside the JDK (the
 * cache that allocates and keeps its buffers); only when a single suspect holds off-heap memory and no site names its
 * code, the biggest sites up to the off-heap memory it retains are its own. No site is ever given to a suspect that
 * retains no off-heap memory, and the JVM's other sites stay in the off-heap table only.
 */
final class Enrichment {

    static final int MAX_OFF_HEAP_SITES = 10;

    private final List<DumpInfo> infos;
    private final List<DumpSummary> summaries;
    private final List<Optional<DirectSites>> direct = new ArrayList<>();
    private final int n;
    private final Optional<BufferSiteJoin> byAddress;

    Enrichment(List<DumpInfo> infos, List<DumpSummary> summaries) {
        this.infos = infos;
        this.summaries = summaries;
        this.n = infos.size();
        for (DumpInfo info : infos) {
            direct.add(SideFiles.directSites(info.file()));
        }
        this.byAddress = BufferSiteJoin.of(summaries.get(n - 1), direct.get(n - 1));
    }

    Analysis analysis(Analysis.Kind kind, List<ClassGrowth> classes, List<Suspect> found) {
        List<Suspect> suspects = new ArrayList<>();
        List<Suspect> ranked = new ArrayList<>(found);
        ranked.sort(Comparator.comparingDouble(Suspect::score).reversed());
        Optional<AllocSites> alloc = SideFiles.allocSites(infos.get(n - 1).file());
        long withOffHeap = ranked.stream().filter(s -> s.offHeap()[n - 1] > 0).count();
        for (int i = 0; i < ranked.size(); i++) {
            Suspect s = ranked.get(i).withRank(i + 1);
            suspects.add(s.withSites(allocationSites(s, alloc), offHeapSites(s, withOffHeap == 1)));
        }
        List<DumpFacts> dumps = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            dumps.add(DumpFacts.of(infos.get(d), summaries.get(d)));
        }
        return new Analysis(
                kind, dumps, classes, suspects, summaries.get(n - 1).dominators(), offHeapTable(), timeline());
    }

    /** Each site's share of the sampled survivors of the suspect's class in the last dump. */
    private List<AllocationSite> allocationSites(Suspect s, Optional<AllocSites> alloc) {
        Map<String, Map<Integer, Long>> siteCounts = summaries.get(n - 1).siteCounts();
        Map<Integer, Long> counts = siteCounts == null ? null : siteCounts.get(s.className());
        if (counts == null || counts.isEmpty() || alloc.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<String>> frames = new HashMap<>();
        Map<Integer, Integer> applicationFrames = new HashMap<>();
        alloc.get().sites().forEach(site -> {
            frames.put(site.id(), site.frames());
            applicationFrames.put(site.id(), site.applicationFrame());
        });
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<AllocationSite> sites = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sites.add(new AllocationSite(
                        frames.getOrDefault(e.getKey(), List.of("unknown site " + e.getKey())),
                        Math.round(1000.0 * e.getValue() / total) / 1000.0,
                        e.getValue(),
                        applicationFrames.getOrDefault(e.getKey(), -1))));
        return sites;
    }

    private List<OffHeapSite> offHeapSites(Suspect s, boolean onlyOffHeapSuspect) {
        long retained = s.offHeap()[n - 1];
        Optional<DirectSites> last = direct.get(n - 1);
        if (retained <= 0 || last.isEmpty()) {
            return List.of();
        }
        List<DirectSites.Site> sites = new ArrayList<>(last.get().sites());
        sites.removeIf(site -> site.liveBytes() <= 0);
        if (byAddress.isPresent()) {
            return byAddress.get().sitesUnder(s.path()).stream()
                    .limit(MAX_OFF_HEAP_SITES)
                    .map(j -> new OffHeapSite(
                            j.site().frames(),
                            j.bytes(),
                            j.count(),
                            j.site().applicationFrame(),
                            sharedBy(j.site(), sites),
                            j.site().mapped()))
                    .toList();
        }
        sites.sort(Comparator.comparingLong(DirectSites.Site::liveBytes).reversed());
        Set<String> code = ownCode(s);
        List<DirectSites.Site> own =
                sites.stream().filter(site -> namesAny(site.frames(), code)).toList();
        if (own.isEmpty() && onlyOffHeapSuspect) {
            own = new ArrayList<>();
            long covered = 0;
            for (DirectSites.Site site : sites) {
                if (covered + site.liveBytes() > retained + retained / 10) {
                    break;
                }
                own.add(site);
                covered += site.liveBytes();
            }
        }
        // A pool hands out memory from one site of its own: the sites that share its frames are its recorded callers.
        Map<List<String>, Long> callers = sites.stream()
                .filter(site -> site.applicationFrame() > 0)
                .collect(java.util.stream.Collectors.groupingBy(
                        DirectSites.Site::libraryFrames, java.util.stream.Collectors.counting()));
        return own.stream()
                .limit(MAX_OFF_HEAP_SITES)
                .map(site -> new OffHeapSite(
                        site.frames(),
                        site.liveBytes(),
                        site.liveCount(),
                        site.applicationFrame(),
                        site.applicationFrame() > 0
                                ? callers.getOrDefault(site.libraryFrames(), 1L).intValue()
                                : 1))
                .toList();
    }

    /** How many recorded sites share this one's library frames (a pool's callers); 1 when none other does. */
    private static int sharedBy(DirectSites.Site site, List<DirectSites.Site> sites) {
        if (site.applicationFrame() <= 0) {
            return 1;
        }
        int shared = 0;
        for (DirectSites.Site other : sites) {
            if (other.applicationFrame() > 0 && other.libraryFrames().equals(site.libraryFrames())) {
                shared++;
            }
        }
        return Math.max(1, shared);
    }

    /** The top-level classes of the suspect's path and holder that are not the JDK's. */
    private static Set<String> ownCode(Suspect s) {
        Set<String> classes = new HashSet<>();
        List<String> names = new ArrayList<>();
        s.path().forEach(step -> names.add(step.className()));
        names.add(s.accumulationPoint().ownerClassName());
        names.add(s.accumulationPoint().className());
        for (String name : names) {
            if (name != null && !isJdk(name)) {
                classes.add(topLevel(name));
            }
        }
        return classes;
    }

    private static boolean namesAny(List<String> frames, Set<String> classes) {
        for (String frame : frames) {
            int paren = frame.indexOf('(');
            int dot = frame.lastIndexOf('.', paren < 0 ? frame.length() : paren);
            if (dot > 0 && classes.contains(topLevel(frame.substring(0, dot)))) {
                return true;
            }
        }
        return false;
    }

    private static String topLevel(String className) {
        String name = className.endsWith("[]") ? className.substring(0, className.indexOf('[')) : className;
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.")
                || !name.contains(".");
    }

    /** Every direct-buffer site of every dump, by frames, most live bytes in the last dump first. */
    private OffHeapTable offHeapTable() {
        long[] directBytes = new long[n];
        long[] mappedBytes = new long[n];
        Map<List<String>, long[][]> bySite = new LinkedHashMap<>();
        for (int d = 0; d < n; d++) {
            directBytes[d] = summaries.get(d).directBytes();
            mappedBytes[d] = summaries.get(d).mappedBytes();
            if (direct.get(d).isEmpty()) {
                continue;
            }
            for (DirectSites.Site site : direct.get(d).get().sites()) {
                long[][] values = bySite.computeIfAbsent(site.frames(), k -> new long[2][n]);
                values[0][d] += site.liveBytes();
                values[1][d] += site.liveCount();
            }
        }
        List<OffHeapTable.Series> sites = new ArrayList<>();
        bySite.forEach((frames, values) -> sites.add(new OffHeapTable.Series(frames, values[0], values[1])));
        sites.sort(Comparator.comparingLong((OffHeapTable.Series s) -> s.liveBytes()[n - 1])
                .reversed());
        return new OffHeapTable(directBytes, mappedBytes, sites);
    }

    /**
     * The rows of the dumps' process from {@code metrics.jsonl} beside the first dump, and the figures each dump's
     * sidecar took as it began (so that every dump's mark sits on a sample), in time order; or {@code null}.
     */
    private Timeline timeline() {
        Optional<List<MemoryFigures>> rows = SideFiles.metrics(infos.get(0).file());
        if (rows.isEmpty()) {
            return null;
        }
        Long pid = infos.get(0).pid();
        List<MemoryFigures> figures = new ArrayList<>(rows.get());
        for (DumpInfo info : infos) {
            SideFiles.sidecarMemory(info.file()).ifPresent(figures::add);
        }
        List<Timeline.Sample> samples = new ArrayList<>();
        for (MemoryFigures row : figures) {
            if (pid != null && row.pid() >= 0 && row.pid() != pid) {
                continue;
            }
            samples.add(Timeline.Sample.of(row));
        }
        samples.sort(Comparator.comparingLong(Timeline.Sample::epochMillis));
        long[] marks = infos.stream().mapToLong(DumpInfo::epochMillis).toArray();
        return new Timeline(samples, marks);
    }
}
