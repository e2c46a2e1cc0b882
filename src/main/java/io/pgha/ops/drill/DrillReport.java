package io.pgha.ops.drill;

import io.pgha.ops.status.StatusReport;

import java.util.List;

/**
 * What a failover drill measured.
 *
 * @param vipMovedMs     when the VIP was first seen on the standby, from the fault (null: it did not move)
 * @param writesAcked    writes the clients were told had committed, during the whole drill
 * @param lost           of those, the ones the primary after the drill does not have (null: could not be read)
 * @param after          the cluster when the drill ended
 */
public record DrillReport(Fault fault, String oldPrimary, String standby, int timelineBefore, DrillMeasure measure,
                          Long vipMovedMs, long writesAcked, long writesFailed, List<Long> lost, String lostUnknownWhy,
                          StatusReport after, long durationMs) {}
