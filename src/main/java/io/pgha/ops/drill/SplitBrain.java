package io.pgha.ops.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How long two nodes were writable primaries at once, from each node's own probes: a node counts as
 * writable from a probe that found it so until its next probe (one that did not answer counts as not
 * writable: no client reached it either). Pure logic.
 */
final class SplitBrain {
    private SplitBrain() {}

    /** Milliseconds within [fromNanos, toNanos) during which at least two nodes were writable. */
    static long overlapMs(Map<String, List<NodeWatch.Probe>> probes, long fromNanos, long toNanos) {
        record Change(long at, String host, boolean writable) {}
        List<Change> changes = new ArrayList<>();
        probes.forEach((host, list) -> list.forEach(p -> changes.add(new Change(p.atNanos(), host, Boolean.TRUE.equals(p.writable())))));
        changes.sort(Comparator.comparingLong(Change::at));
        Map<String, Boolean> now = new java.util.HashMap<>();
        long total = 0;
        long since = -1;
        for (Change c : changes) {
            boolean before = count(now) >= 2;
            now.put(c.host(), c.writable());
            boolean after = count(now) >= 2;
            if (!before && after) since = c.at();
            if (before && !after) total += clipped(since, c.at(), fromNanos, toNanos);
        }
        if (count(now) >= 2 && since >= 0) total += clipped(since, toNanos, fromNanos, toNanos);
        return total / 1_000_000;
    }

    private static long count(Map<String, Boolean> now) {
        return now.values().stream().filter(Boolean::booleanValue).count();
    }

    private static long clipped(long start, long end, long from, long to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
}
