package io.pgha.ops.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The drill in steps of {@link #STEP_MS}, from its first sample to its end, what the HTML report draws:
 * per node its role as probed (primary: takes writes, standby: read-only, down: PostgreSQL did not
 * answer, "" before the first probe), whether it holds the VIP and keepalived's state; the client's
 * writes through the VIP acknowledged and failed in each step. Times in milliseconds from the fault.
 * Pure logic.
 */
public record DrillTrace(long startMs, int stepMs, List<String> nodes, Map<String, List<String>> roles,
                         Map<String, List<Boolean>> vip, Map<String, List<String>> vrrp, List<Integer> acked,
                         List<Integer> failed) {
    public static final int STEP_MS = 100;

    public int steps() { return acked.size(); }

    static DrillTrace of(long faultAt, long endAt, Map<String, List<NodeWatch.Probe>> probes,
                         Map<String, List<NodeWatch.SystemSample>> system, List<VipWriter.Ack> acks,
                         List<VipWriter.Failure> failures) {
        long start = endAt;
        for (List<NodeWatch.Probe> l : probes.values()) if (!l.isEmpty()) start = Math.min(start, l.get(0).atNanos());
        for (List<NodeWatch.SystemSample> l : system.values()) if (!l.isEmpty()) start = Math.min(start, l.get(0).atNanos());
        if (!acks.isEmpty()) start = Math.min(start, acks.get(0).atNanos());
        long stepNanos = STEP_MS * 1_000_000L;
        // aligned on the fault, so that step boundaries fall on whole tenths of a second from it
        long startMs = Math.floorDiv(start - faultAt, stepNanos) * STEP_MS;
        long span = endAt - faultAt - startMs * 1_000_000L;
        int steps = (int) Math.max(1, (span + stepNanos - 1) / stepNanos);

        List<String> nodes = new ArrayList<>(probes.keySet());
        for (String n : system.keySet()) if (!nodes.contains(n)) nodes.add(n);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        Map<String, List<Boolean>> vip = new LinkedHashMap<>();
        Map<String, List<String>> vrrp = new LinkedHashMap<>();
        for (String n : nodes) {
            List<NodeWatch.Probe> p = probes.getOrDefault(n, List.of());
            List<NodeWatch.SystemSample> s = system.getOrDefault(n, List.of());
            List<String> r = new ArrayList<>();
            List<Boolean> v = new ArrayList<>();
            List<String> k = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                long until = faultAt + (startMs + (long) (i + 1) * STEP_MS) * 1_000_000L;
                NodeWatch.Probe probe = last(p, until, NodeWatch.Probe::atNanos);
                r.add(probe == null ? "" : probe.writable() == null ? "down" : probe.writable() ? "primary" : "standby");
                NodeWatch.SystemSample sample = last(s, until, NodeWatch.SystemSample::atNanos);
                v.add(sample != null && sample.holdsVip());
                k.add(sample == null ? "" : !sample.reachable() ? "unreachable" : sample.vrrp() == null ? "" : sample.vrrp());
            }
            roles.put(n, List.copyOf(r));
            vip.put(n, List.copyOf(v));
            vrrp.put(n, List.copyOf(k));
        }
        int[] ok = new int[steps];
        int[] bad = new int[steps];
        for (VipWriter.Ack a : acks) count(ok, a.atNanos(), faultAt, startMs);
        for (VipWriter.Failure f : failures) count(bad, f.atNanos(), faultAt, startMs);
        return new DrillTrace(startMs, STEP_MS, List.copyOf(nodes), roles, vip, vrrp, box(ok), box(bad));
    }

    /** The last sample taken before the end of a step (samples are in time order). */
    private static <T> T last(List<T> samples, long before, ToLongFunction<T> at) {
        T found = null;
        for (T x : samples) {
            if (at.applyAsLong(x) >= before) break;
            found = x;
        }
        return found;
    }

    private static void count(int[] steps, long atNanos, long faultAt, long startMs) {
        long i = Math.floorDiv(atNanos - faultAt - startMs * 1_000_000L, STEP_MS * 1_000_000L);
        if (i >= 0 && i < steps.length) steps[(int) i]++;
    }

    private static List<Integer> box(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int x : a) out.add(x);
        return List.copyOf(out);
    }
}
