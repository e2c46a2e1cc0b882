package io.pgha.ops.status;

import io.pgha.core.ExitCodes;
import io.pgha.ops.verify.Jdbc;

import java.util.ArrayList;
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

    /**
     * Why an operation that trusts the inventory's roles (push-config, a drill) must not run: a node
     * unreachable, its PostgreSQL down, or in another role than its cluster_role. Empty: go ahead.
     */
    /** "maintenance mode is on ..." for each node that has it, for an operation that must not run then. */
    public List<String> inMaintenance(String operation) {
        return nodes.stream().filter(n -> n.marks().maintenance() != null)
                .map(n -> n.host() + " is in maintenance since " + n.marks().maintenance() + ": no " + operation
                        + " until pgha maintenance off").toList();
    }

    public List<String> notAsInventorySays(String operation) {
        List<String> out = new ArrayList<>();
        for (NodeState n : nodes) {
            if (!n.reachable()) out.add(n.host() + " cannot be reached over SSH: " + n.sshError());
            else if (n.pg() == null) out.add(n.pgError() + "; " + operation + " needs an answer from every node's PostgreSQL (is it running? pgha status)");
            else if (!n.role().equals(n.inventoryRole())) {
                out.add(n.host() + " is " + n.role() + " but the inventory says cluster_role: " + n.inventoryRole()
                        + ": " + operation + " would treat it as a " + n.inventoryRole() + ". Set cluster_role to match the"
                        + " cluster (pgha status shows it), or make the node a " + n.inventoryRole() + " again first.");
            }
        }
        return out;
    }

    /**
     * Every node reached, and every one whose PostgreSQL did not answer refused the health-check role's
     * password (at least one did): the inventory's password is new to the cluster (a rotation).
     */
    public boolean onlyLoginsRefused() {
        boolean refused = false;
        for (NodeState n : nodes) {
            if (!n.reachable()) return false;
            if (n.pg() != null) continue;
            if (n.pgError() == null || !n.pgError().contains(Jdbc.LOGIN_REFUSED)) return false;
            refused = true;
        }
        return refused;
    }

    /** The nodes that answer as primaries (more than one: a split brain). */
    public List<NodeState> primaries() { return nodes.stream().filter(NodeState::isPrimary).toList(); }

    /** The only node that answers as a primary, if exactly one does. */
    public Optional<NodeState> primary() {
        List<NodeState> p = primaries();
        return p.size() == 1 ? Optional.of(p.get(0)) : Optional.empty();
    }
}
