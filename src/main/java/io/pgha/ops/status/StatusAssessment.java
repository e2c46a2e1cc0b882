package io.pgha.ops.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges what the nodes said, with the knowledge of a DBA on call: one primary, the VIP on it alone,
 * every standby streaming, keepalived running everywhere. Pure logic: no I/O.
 */
public final class StatusAssessment {
    private static final String CLUSTER = "-";

    private StatusAssessment() {}

    public static StatusReport assess(String vip, List<NodeState> nodes, long millis) {
        List<Finding> findings = new ArrayList<>();
        List<NodeState> primaries = withRole(nodes, "primary");
        List<NodeState> standbys = withRole(nodes, "standby");
        List<String> holders = nodes.stream().filter(NodeState::holdsVip).map(NodeState::host).toList();

        for (NodeState n : nodes) {
            if (!n.reachable()) {
                findings.add(Finding.problem(n.host(), n.host() + " cannot be reached over SSH, its state is unknown: " + n.sshError()));
            } else if (n.pg() == null) {
                findings.add(Finding.problem(n.host(), n.pgError()));
            }
        }
        primaries(primaries, standbys, holders, nodes, findings);
        vip(vip, holders, nodes, findings);
        Optional<NodeState> primary = primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
        for (NodeState s : standbys) standby(s, primary, findings);
        for (NodeState n : nodes) {
            if ("stopped".equals(n.keepalived())) {
                findings.add(Finding.problem(n.host(), "keepalived is not running on " + n.host() + ": it takes no part in"
                        + " moving the VIP (systemctl start keepalived there)"));
            }
            NodeState.Marks m = n.marks();
            if ("FAULT".equals(m.vrrp()) && "running".equals(n.keepalived())) {
                findings.add(Finding.problem(n.host(), "keepalived on " + n.host() + " is in FAULT: it will not take the VIP"
                        + (m.refused() != null ? " (its promotion guard refused: " + m.refused() + "; it clears once "
                        + n.host() + " streams again)" : " (its health check fails: /etc/keepalived/log/pg_monitor.log)")));
            }
            if (m.fenceCheckFailed()) {
                findings.add(Finding.warning(n.host(), n.host() + " cannot fence its peer: " + m.fenceCheck().substring(m.fenceCheck().indexOf(" failed: ") + 9)
                        + "; until it answers, a lost or cut-off peer is not failed over (check pg_fence_* in the inventory and the controller)"));
            }
            if (m.fenced() != null && n.isPrimary()) {
                findings.add(Finding.warning(n.host(), n.host() + " is primary but was fenced before (" + m.fenced() + ")"));
            } else if (m.fenced() != null) {
                findings.add(Finding.warning(n.host(), n.host() + " is fenced (" + m.fenced() + "): it stays read-only until"
                        + " pgha rejoin makes it a standby of the primary"));
            }
            if (m.restartingFor() != null) {
                findings.add(Finding.warning(n.host(), "PostgreSQL on " + n.host() + " has been restarting in place for " + m.restartingFor()
                        + " s: the VIP stays there until it serves again or pg_restart_in_place_timeout runs out (then it fails over)"));
            }
            if (m.crashRestartAgo() != null) {
                findings.add(Finding.warning(n.host(), "PostgreSQL on " + n.host() + " crashed and was restarted in place " + m.crashRestartAgo()
                        + " s ago: another crash within pg_crash_restart_window fails over (" + n.host() + "'s postgresql log says why it crashed)"));
            }
            if (m.maintenance() != null) {
                findings.add(Finding.warning(n.host(), "maintenance mode on " + n.host() + " since " + m.maintenance()
                        + ": no automatic failover (pgha maintenance off ends it)"));
            }
            if (n.isPrimary()) {
                replication(n, findings);
                catchingUp(n, findings);
            }
            if (n.pg() != null && n.inventoryRole() != null && !n.inventoryRole().equals(n.role())) {
                findings.add(Finding.warning(n.host(), n.host() + " is " + n.role() + " but the inventory says cluster_role: "
                        + n.inventoryRole() + " (after a failover?): bootstrap and verify follow the inventory"));
            }
        }
        return new StatusReport(vip, nodes, lag(primary, standbys), findings, millis);
    }

    private static void primaries(List<NodeState> primaries, List<NodeState> standbys, List<String> holders,
                                  List<NodeState> nodes, List<Finding> findings) {
        if (primaries.size() > 1) {
            List<String> names = primaries.stream().map(p -> p.host() + " (timeline " + p.pg().timeline() + ")").toList();
            String keep = primaries.stream().map(NodeState::host).filter(holders::contains).findFirst().orElse(null);
            findings.add(Finding.problem(CLUSTER, "split brain: " + String.join(" and ", names)
                    + (names.size() == 2 ? " are both primaries; " : " are all primaries; ")
                    + (keep == null ? "decide which one clients must write to, "
                    : "writes to any but " + keep + " (the VIP holder) are lost to the cluster: ")
                    + "stop PostgreSQL on the others, then rebuild them as standbys"));
        } else if (primaries.isEmpty() && !standbys.isEmpty()) {
            NodeState ahead = standbys.stream().max(Comparator.comparing(s -> s.pg().position())).orElseThrow();
            boolean someUnknown = nodes.stream().anyMatch(n -> n.pg() == null);
            findings.add(Finding.problem(CLUSTER, "no " + (someUnknown ? "answering " : "") + "primary: writes fail. The most"
                    + " advanced standby is " + ahead.host() + " at " + ahead.pg().position() + " (timeline " + ahead.pg().timeline() + ")"));
        }
    }

    private static void vip(String vip, List<String> holders, List<NodeState> nodes, List<Finding> findings) {
        if (holders.isEmpty()) {
            boolean someUnknown = nodes.stream().anyMatch(n -> !n.reachable());
            findings.add(Finding.problem(CLUSTER, "the VIP " + vip + " is on no " + (someUnknown ? "reachable " : "")
                    + "node: clients cannot connect through it. Is keepalived running, and its health check passing"
                    + " (/etc/keepalived/log/pg_monitor.log)?"));
        } else if (holders.size() > 1) {
            findings.add(Finding.problem(CLUSTER, "the VIP " + vip + " is on " + String.join(" and ", holders) + " at once:"
                    + " the keepalived nodes do not hear each other (VRRP blocked by a firewall, or a different"
                    + " virtual_router_id or auth_pass)"));
        } else {
            NodeState holder = nodes.stream().filter(n -> n.host().equals(holders.get(0))).findFirst().orElseThrow();
            if (!holder.isPrimary()) {
                findings.add(Finding.problem(holder.host(), "the VIP " + vip + " is on " + holder.host() + ", which is "
                        + holder.role() + ": writes through the VIP fail (its promotion was refused or failed? see"
                        + " /etc/keepalived/log/pg_failover.log there)"));
            }
        }
    }

    private static void standby(NodeState s, Optional<NodeState> primary, List<Finding> findings) {
        PgState.Receiver r = s.pg().receiver();
        if (r != null && r.streaming()) return;
        String why = s.host() + " is a standby but streams from no one" + (r == null ? "" : " (WAL receiver " + r.status() + ")");
        if (primary.isPresent() && primary.get().pg().timeline() > s.pg().timeline()) {
            why += "; it is on timeline " + s.pg().timeline() + " and the primary " + primary.get().host() + " on "
                    + primary.get().pg().timeline() + ": it may have to be rewound or rebuilt";
        } else {
            why += ": see its server log (primary_conninfo, pg_hba on the primary, the replication password)";
        }
        findings.add(Finding.problem(s.host(), why));
    }

    /** A standby the primary sends WAL to but that has not caught up (catchup, startup): it would promote behind. */
    private static void catchingUp(NodeState n, List<Finding> findings) {
        for (PgState.Replica r : n.pg().replicas()) {
            if ("streaming".equals(r.state())) continue;
            findings.add(Finding.problem(n.host(), "the standby " + r.applicationName() + "@" + r.clientAddress() + " connects to "
                    + n.host() + " but is " + r.state() + ", not streaming: it has not caught up yet (wait, or see its lag)"));
        }
    }

    /** Synchronous modes: commits that wait for a standby are writes that do not complete; degraded is a warning. */
    private static void replication(NodeState n, List<Finding> findings) {
        NodeState.ReplicationMode mode = n.marks().replication();
        PgState.SyncRep sync = n.pg().syncRep();
        if (sync != null && sync.synchronous() && (sync.waitingCommits() > 0 || (mode != null && mode.state().equals("waiting")))) {
            findings.add(Finding.problem(n.host(), "commits on " + n.host() + " wait for the synchronous standby ("
                    + sync.standbyNames() + "), " + sync.waitingCommits() + " waiting now"
                    + (mode != null ? ": " + mode.why() : "") + ". Bring the standby back (pgha status, pgha rejoin);"
                    + " with pg_replication_mode sync the primary goes asynchronous after pg_sync_degrade_after s"));
        } else if (mode != null && mode.state().equals("degraded")) {
            findings.add(Finding.warning(n.host(), n.host() + " runs asynchronous since " + java.time.Instant.ofEpochSecond(mode.sinceEpoch())
                    + " (" + mode.why() + "): a failover now could lose writes, so the standby is not promoted"
                    + " automatically until it streams again"));
        }
    }

    private static Map<String, Long> lag(Optional<NodeState> primary, List<NodeState> standbys) {
        Map<String, Long> lag = new LinkedHashMap<>();
        if (primary.isEmpty()) return lag;
        Lsn head = primary.get().pg().position();
        for (NodeState s : standbys) lag.put(s.host(), Math.max(0, head.bytesAfter(s.pg().position())));
        return lag;
    }

    private static List<NodeState> withRole(List<NodeState> nodes, String role) {
        return nodes.stream().filter(n -> role.equals(n.role())).toList();
    }
}
