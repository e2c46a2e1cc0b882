package io.pgha.ops.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The drill's timeline from what the watches saw: when keepalived first changed state on a node
 * (detection), when the VIP first showed on another node, when the standby first took writes
 * (promotion), when writes through the VIP were acknowledged again. Detection counts only changes before
 * the heal: after it, a state change is the victim coming back, not the cluster noticing. Pure logic.
 */
final class DrillTimeline {
    private DrillTimeline() {}

    static List<DrillReport.Event> of(long faultAt, long healAt, String oldPrimary, String standby,
                                      Map<String, List<NodeWatch.SystemSample>> system,
                                      Map<String, List<NodeWatch.Probe>> probes, DrillMeasure measure) {
        List<DrillReport.Event> events = new ArrayList<>();
        events.add(new DrillReport.Event(0, "fault"));
        Long detected = null;
        String detectedHow = null;
        for (var e : system.entrySet()) {
            String before = null;
            for (NodeWatch.SystemSample s : e.getValue()) {
                if (s.atNanos() < faultAt) {
                    if (s.vrrp() != null) before = s.vrrp();
                    continue;
                }
                if (s.atNanos() >= healAt) break;
                if (s.vrrp() != null && before != null && !Objects.equals(s.vrrp(), before)) {
                    long ms = ms(s.atNanos() - faultAt);
                    if (detected == null || ms < detected) {
                        detected = ms;
                        detectedHow = "detected: keepalived on " + e.getKey() + " " + before + " -> " + s.vrrp();
                    }
                    break;
                }
            }
        }
        if (detected != null) events.add(new DrillReport.Event(detected, detectedHow));
        firstAfter(system.getOrDefault(standby, List.of()), faultAt, NodeWatch.SystemSample::atNanos, NodeWatch.SystemSample::holdsVip)
                .ifPresent(at -> events.add(new DrillReport.Event(ms(at - faultAt), "VIP on " + standby)));
        firstAfter(probes.getOrDefault(standby, List.of()), faultAt, NodeWatch.Probe::atNanos, p -> Boolean.TRUE.equals(p.writable()))
                .ifPresent(at -> events.add(new DrillReport.Event(ms(at - faultAt), "promoted: " + standby + " takes writes")));
        if (measure.firstFailureMs() != null) events.add(new DrillReport.Event(measure.firstFailureMs(), "first write through the VIP failed"));
        if (measure.firstFailureMs() != null && measure.recovered()) {
            events.add(new DrillReport.Event(measure.recoveredMs(), "writes through the VIP acknowledged again (timeline "
                    + measure.timelineAfter() + ")"));
        }
        events.add(new DrillReport.Event(ms(healAt - faultAt), "healed: after-phase"));
        // the old primary taking writes again after the heal, if it had stopped (right only if nobody else does)
        List<NodeWatch.Probe> old = probes.getOrDefault(oldPrimary, List.of());
        boolean stopped = firstAfter(old, faultAt, NodeWatch.Probe::atNanos, p -> !Boolean.TRUE.equals(p.writable())).isPresent();
        if (stopped) {
            firstAfter(old, healAt, NodeWatch.Probe::atNanos, p -> Boolean.TRUE.equals(p.writable()))
                    .ifPresent(at -> events.add(new DrillReport.Event(ms(at - faultAt), oldPrimary + " takes writes again after the heal")));
        }
        events.sort(Comparator.comparingLong(DrillReport.Event::ms));
        return events;
    }

    private static <T> java.util.Optional<Long> firstAfter(List<T> samples, long after, java.util.function.ToLongFunction<T> at,
                                                          java.util.function.Predicate<T> test) {
        return samples.stream().filter(s -> at.applyAsLong(s) >= after && test.test(s)).map(at::applyAsLong).findFirst();
    }

    private static long ms(long nanos) { return nanos / 1_000_000; }
}
