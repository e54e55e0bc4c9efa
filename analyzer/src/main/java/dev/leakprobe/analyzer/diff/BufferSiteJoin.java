package dev.leakprobe.analyzer.diff;

import dev.leakprobe.analyzer.summary.BufferNodes;
import dev.leakprobe.analyzer.summary.DumpSummary;
import dev.leakprobe.analyzer.summary.PathNode;
import dev.leakprobe.format.schema.DirectSites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact join of a suspect's buffers to their allocation sites: the agent lists the native address of each live
 * buffer under its site ({@code <dump>.direct-sites.json}), the summary lists each buffer of the dump with its
 * address and the path node it sits in. A suspect's buffers are those in the subtree of its own node (the last
 * step of its path); each goes to the site that lists its address. Direct and mapped buffers alike.
 *
 * <p>Empty when either side has no addresses (an agent or a summary from before them): then {@link Enrichment}
 * falls back to naming sites by code.
 */
final class BufferSiteJoin {

    /** A site with the suspect's buffers the join found in it. */
    record Joined(DirectSites.Site site, long bytes, long count) {}

    private final DumpSummary summary;
    private final Map<Long, DirectSites.Site> siteOfAddress = new HashMap<>();

    private BufferSiteJoin(DumpSummary summary, DirectSites sites) {
        this.summary = summary;
        for (DirectSites.Site site : sites.sites()) {
            for (long address : site.addresses()) {
                siteOfAddress.put(address, site);
            }
        }
    }

    /** A join for the last dump, when both its summary and its sites file carry addresses. */
    static Optional<BufferSiteJoin> of(DumpSummary summary, Optional<DirectSites> sites) {
        if (summary.buffers() == null || sites.isEmpty()) {
            return Optional.empty();
        }
        BufferSiteJoin join = new BufferSiteJoin(summary, sites.get());
        return join.siteOfAddress.isEmpty() ? Optional.empty() : Optional.of(join);
    }

    /** The sites of the buffers under {@code path}, most bytes first; empty when the path is not in this dump. */
    List<Joined> sitesUnder(List<PathStep> path) {
        List<PathNode> nodes = summary.nodes();
        boolean[] inSubtree = subtree(nodes, matching(nodes, path));
        BufferNodes buffers = summary.buffers();
        // By identity: a site's record hashes all its addresses.
        Map<DirectSites.Site, long[]> bySite = new IdentityHashMap<>();
        for (int i = 0; i < buffers.size(); i++) {
            int node = buffers.nodes()[i];
            DirectSites.Site site = siteOfAddress.get(buffers.addresses()[i]);
            if (node >= 0 && inSubtree[node] && site != null) {
                long[] sums = bySite.computeIfAbsent(site, s -> new long[2]);
                sums[0] += buffers.capacities()[i];
                sums[1]++;
            }
        }
        List<Joined> joined = new ArrayList<>();
        bySite.forEach((site, sums) -> joined.add(new Joined(site, sums[0], sums[1])));
        joined.sort(Comparator.comparingLong(Joined::bytes).reversed());
        return joined;
    }

    /**
     * The nodes whose chain from the top has the classes of {@code path}, step by step (a node is keyed by its class
     * under its parent, so several match only where one class sits under one parent through different static fields).
     */
    private static boolean[] matching(List<PathNode> nodes, List<PathStep> path) {
        boolean[] matched = new boolean[nodes.size()];
        int[] depth = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            PathNode n = nodes.get(i);
            // Parents come before their children in the list.
            int d = n.parent() < 0 ? 0 : depth[n.parent()] < 0 ? -1 : depth[n.parent()] + 1;
            boolean same = d >= 0 && d < path.size() && sameStep(n, path.get(d));
            depth[i] = same ? d : -1;
            matched[i] = same && d == path.size() - 1;
        }
        return matched;
    }

    private static boolean sameStep(PathNode node, PathStep step) {
        return node.className().equals(step.className()) && node.classObject() == step.classObject();
    }

    private static boolean[] subtree(List<PathNode> nodes, boolean[] tops) {
        boolean[] in = tops.clone();
        for (int i = 0; i < nodes.size(); i++) {
            int parent = nodes.get(i).parent();
            if (parent >= 0 && in[parent]) {
                in[i] = true;
            }
        }
        return in;
    }
}
