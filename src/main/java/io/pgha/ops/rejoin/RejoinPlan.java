package io.pgha.ops.rejoin;

import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.StatusReport;

import java.util.List;
import java.util.Map;

/** What rejoin decides from the cluster's status, and the messages of its refusals. Pure logic. */
final class RejoinPlan {
    private RejoinPlan() {}

    /** The node to rejoin to: the only primary, or of several the one that holds the VIP; null: none. */
    static String newPrimary(StatusReport status) {
        List<NodeState> primaries = status.primaries();
        if (primaries.size() == 1) return primaries.get(0).host();
        return primaries.stream().filter(NodeState::holdsVip).map(NodeState::host).findFirst().orElse(null);
    }

    /** A standby that streams needs nothing. */
    static boolean streams(NodeState n) {
        return n.pg() != null && n.pg().inRecovery() && n.pg().receiver() != null && n.pg().receiver().streaming();
    }

    static String noPrimary(StatusReport status) {
        long primaries = status.primaries().size();
        return primaries == 0 ? "no node answers as a primary, so there is nothing to rejoin to: promote one first"
                + " (pgha status names the most advanced standby)"
                : "several nodes are primaries and none holds the VIP: decide which one clients write to, stop"
                + " PostgreSQL on the others, then run pgha rejoin";
    }

    /** The inventory still names the old primary: which lines to change. */
    static String inventoryBehind(String actual, String inventory, Map<String, String> origins) {
        return actual + " is the primary now, but the inventory says " + inventory + " is: rejoin follows the inventory,"
                + " so set cluster_role: primary for " + actual + " (" + origins.get(actual) + ") and cluster_role: standby for "
                + inventory + " (" + origins.get(inventory) + "), then run pgha rejoin again; or run pgha rejoin --follow-cluster,"
                + " which rewrites those two lines itself (--check shows them)";
    }

    static String runningPrimary(String host, String newPrimary) {
        return host + " still runs as a primary (split brain): rejoining it as a standby of " + newPrimary
                + " discards what was written on it since the two forked. Stop its clients, then run pgha rejoin --force";
    }
}
