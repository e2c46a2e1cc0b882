package io.pgha.ops.drill;

import io.pgha.ops.status.StatusReport;

import java.util.List;

/**
 * What a failover drill measured; times in milliseconds from the fault.
 *
 * @param measure          the writes through the VIP: first failure, first acknowledged again, timeline
 * @param events           the timeline: fault, detection, VIP moved, promotion, first write back, heal
 * @param healedMs         when the after-phase began (the node brought back)
 * @param splitFaultMs     time with two writable primaries from the fault to the heal (probed on each node)
 * @param splitAfterMs     the same from the heal to the end
 * @param maxWriteGapMs    the longest time between two acknowledged writes through the VIP after the fault
 * @param writesAcked      writes acknowledged through the VIP; directAcked: to the old primary's own address
 * @param lost             acknowledged writes (both clients) the primary behind the VIP at the end lacks (null: unknown)
 * @param after            the cluster when the drill ended
 * @param trace            the drill in 100 ms steps (each node's role, VIP and keepalived state; the client's writes)
 */
public record DrillReport(Fault fault, String victim, String oldPrimary, String standby, int timelineBefore, String clientPath,
                          DrillMeasure measure, List<Event> events, long healedMs, long splitFaultMs, long splitAfterMs,
                          long maxWriteGapMs, long writesAcked, long writesFailed, long directAcked, List<String> lost,
                          String lostUnknownWhy, StatusReport after, long durationMs, DrillTrace trace) {

    /** One point on the drill's timeline. */
    public record Event(long ms, String what) {}

    public long splitBrainMs() { return splitFaultMs + splitAfterMs; }

    /** The first event whose text starts with prefix, or null. */
    public Long at(String prefix) {
        return events.stream().filter(e -> e.what().startsWith(prefix)).map(Event::ms).findFirst().orElse(null);
    }
}
