package io.pgha.ops.status;

import io.pgha.core.ExitCodes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's state as pgha status shows it: each node, the standbys' lag behind the primary (when
 * there is exactly one), and the findings.
 *
 * @param lagBytes  WAL bytes each standby has still to replay, by host; only with a single primary
 */
public record StatusReport(String vip, List<NodeState> nodes, Map<String, Long> lagBytes, List<Finding> findings,
                           long millis) {

    public boolean healthy() { return findings.stream().noneMatch(Finding::problem); }

    /** 0 healthy (warnings allowed), 4 a node unreachable, 3 any other problem. */
    public int exitCode() {
        if (nodes.stream().anyMatch(n -> !n.reachable())) return ExitCodes.UNREACHABLE;
        return healthy() ? ExitCodes.OK : ExitCodes.HOST_FAILED;
    }

    /** The only node that answers as a primary, if exactly one does. */
    public Optional<NodeState> primary() {
        List<NodeState> p = nodes.stream().filter(n -> "primary".equals(n.role())).toList();
        return p.size() == 1 ? Optional.of(p.get(0)) : Optional.empty();
    }
}
