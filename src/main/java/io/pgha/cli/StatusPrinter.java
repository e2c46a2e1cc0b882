package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.status.Finding;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.PgState;
import io.pgha.ops.status.StatusReport;
import io.pgha.output.Style;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints pgha status: a table a person reads at a glance, or one JSON line. */
final class StatusPrinter {
    private static final String ROW = "  %-6s %-11s %3s  %-13s %-10s %-4s %-11s %s";

    private StatusPrinter() {}

    static void print(StatusReport r, boolean json, PrintWriter out) { print(null, r, json, out); }

    /** @param cluster the cluster's group when the inventory holds several (shown and put in the JSON), else null */
    static void print(String cluster, StatusReport r, boolean json, PrintWriter out) {
        if (json) {
            Map<String, Object> e = json(r);
            if (cluster != null) e.put("cluster", cluster);
            out.println(Json.write(e));
        } else {
            print(cluster, r, out, Style.forConsole());
        }
        out.flush();
    }

    static void print(StatusReport r, PrintWriter out, Style style) { print(null, r, out, style); }

    static void print(String cluster, StatusReport r, PrintWriter out, Style style) {
        out.println();
        out.println(style.bold("STATUS") + (cluster == null ? "" : "  cluster " + style.bold(cluster)) + "  VIP " + r.vip()
                + "  took " + r.millis() + " ms");
        out.println(style.dim(String.format(Locale.ROOT, ROW, "node", "role", "tl", "wal position", "behind", "vip", "keepalived", "")).stripTrailing());
        for (NodeState n : r.nodes()) {
            PgState pg = n.pg();
            String role = switch (n.role()) {
                case "primary" -> style.green(String.format("%-11s", "primary"));
                case "standby" -> String.format("%-11s", "standby");
                default -> style.red(String.format("%-11s", n.role()));
            };
            Long lag = r.lagBytes().get(n.host());
            out.println(String.format(Locale.ROOT, ROW, n.host(), role,
                    pg == null ? "-" : String.valueOf(pg.timeline()),
                    pg == null ? "-" : pg.position().toString(),
                    lag == null ? "-" : bytes(lag),
                    n.holdsVip() ? "yes" : "-",
                    !n.reachable() ? "-" : "running".equals(n.keepalived()) && n.marks().vrrp() != null ? n.marks().vrrp() : n.keepalived(),
                    detail(n)).stripTrailing());
        }
        for (NodeState n : r.nodes()) {
            if (n.marks().lease() != null) out.println(style.dim("  lease  " + n.host() + ": " + n.marks().lease()));
            if (n.marks().fenceCheck() != null) out.println(style.dim("  fence  " + n.host() + ": " + n.marks().fenceCheck()));
        }
        for (NodeState n : r.nodes()) {
            String replication = replicationLine(n);
            if (replication != null) out.println(style.dim("  replication  " + n.host() + ": " + replication));
        }
        out.println(style.dim("  " + coverage(r)));
        for (Finding f : r.findings()) {
            out.println("  " + (f.problem() ? style.red("PROBLEM") : style.yellow("warning")) + "  " + f.message());
        }
        if (r.healthy()) {
            String primary = r.primary().map(NodeState::host).orElse("?");
            out.println(style.green("healthy: " + primary + " is primary and holds the VIP; every standby streams"));
        } else {
            long problems = r.findings().stream().filter(Finding::problem).count();
            out.println(style.red("cluster DEGRADED (" + problems + " problem" + (problems == 1 ? "" : "s") + ")"));
        }
    }

    /** Which faults fail over by themselves: with a witness (its lease keepers report) every one, without it not a lost or cut-off host. */
    static String coverage(StatusReport r) {
        if (r.nodes().stream().anyMatch(n -> n.marks().maintenance() != null)) {
            return "failover: none, maintenance mode is on (pgha maintenance off restores the automatic failover)";
        }
        boolean witness = r.nodes().stream().anyMatch(n -> n.marks().lease() != null);
        boolean fencing = !r.nodes().isEmpty() && r.nodes().stream().allMatch(n -> n.marks().fenceCheck() != null && !n.marks().fenceCheckFailed());
        if (fencing && !witness) {
            return "failover: automatic when the primary's PostgreSQL, keepalived or host fails, or it is cut off (power fencing:"
                    + " its host is proved off first)";
        }
        return witness
                ? "failover: automatic when the primary's PostgreSQL, keepalived or host fails, or it is cut off (witness lease)"
                : "failover: automatic when the primary's PostgreSQL or keepalived fails; its host lost or cut off stops writes"
                        + " until it is back (no witness: docs/fencing.md)";
    }

    private static String detail(NodeState n) {
        PgState pg = n.pg();
        if (pg == null) return "";
        if (pg.inRecovery()) {
            return pg.receiver() == null ? "no WAL receiver" : pg.receiver().status() + " from " + pg.receiver().sender();
        }
        if (pg.replicas().isEmpty()) return "no standby connected";
        return "streams to " + String.join(", ", pg.replicas().stream()
                .map(x -> x.applicationName() + "@" + x.clientAddress() + " (" + x.state() + ", " + x.syncState() + ")").toList());
    }

    /**
     * A primary's replication mode: what is in force now (synchronous_standby_names, commits waiting) and
     * the health check's record of it (state, since when, why). Null on a standby without a record.
     */
    static Map<String, Object> replication(NodeState n) {
        NodeState.ReplicationMode mode = n.marks().replication();
        PgState.SyncRep sync = n.pg() == null ? null : n.pg().syncRep();
        if (mode == null && sync == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", mode != null ? mode.state() : n.asyncWithNothingRecorded() ? "async" : "sync");
        if (mode != null) {
            m.put("since", Instant.ofEpochSecond(mode.sinceEpoch()).toString());
            m.put("why", mode.why());
        }
        if (sync != null) {
            m.put("synchronous_standby_names", sync.standbyNames());
            m.put("waiting_commits", sync.waitingCommits());
        }
        return m;
    }

    /** One line for a primary: "sync since 15:32:10 UTC (why), 0 commits waiting". */
    static String replicationLine(NodeState n) {
        Map<String, Object> m = replication(n);
        if (m == null || n.pg() == null || n.pg().inRecovery()) return null;
        if (n.asyncWithNothingRecorded()) return null;  // nothing to say
        StringBuilder s = new StringBuilder(String.valueOf(m.get("state")));
        if (m.containsKey("since")) s.append(" since ").append(m.get("since")).append(" (").append(m.get("why")).append(")");
        else s.append(" (pg_replication_mode async)");
        if (m.containsKey("waiting_commits")) {
            int waiting = (Integer) m.get("waiting_commits");
            s.append(", ").append(waiting).append(waiting == 1 ? " commit" : " commits").append(" waiting for a standby");
        }
        return s.toString();
    }

    /** WAL distance for people: 0 bytes, 12 kB, 3.4 MB, 1.2 GB. */
    static String bytes(long b) {
        if (b < 1024) return b + " bytes";
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + " " + units[u];
    }

    static Map<String, Object> json(StatusReport r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "status");
        e.put("healthy", r.healthy());
        e.put("exit_code", r.exitCode());
        e.put("millis", r.millis());
        e.put("vip", r.vip());
        e.put("primary", r.primary().map(NodeState::host).orElse(null));
        e.put("failover_coverage", coverage(r));
        e.put("nodes", r.nodes().stream().map(n -> node(n, r.lagBytes().get(n.host()))).toList());
        e.put("findings", r.findings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            m.put("host", f.host());
            m.put("message", f.message());
            return m;
        }).toList());
        return e;
    }

    private static Map<String, Object> node(NodeState n, Long lag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", n.host());
        m.put("role", n.role());
        m.put("inventory_role", n.inventoryRole());
        m.put("holds_vip", n.holdsVip());
        m.put("keepalived", n.keepalived());
        m.put("vrrp_state", n.marks().vrrp());
        m.put("fenced", n.marks().fenced());
        m.put("promotion_refused", n.marks().refused());
        m.put("lease_keeper", n.marks().lease());
        m.put("fence_check", n.marks().fenceCheck());
        if (n.marks().maintenance() != null) m.put("maintenance", n.marks().maintenance());
        if (n.marks().restartingFor() != null) m.put("restarting_in_place_s", n.marks().restartingFor());
        if (n.marks().crashRestartAgo() != null) m.put("crash_restart_ago_s", n.marks().crashRestartAgo());
        PgState pg = n.pg();
        if (pg != null) {
            m.put("version", pg.version());
            m.put("timeline", pg.timeline());
            m.put("wal_position", pg.position().toString());
            if (lag != null) m.put("lag_bytes", lag);
            if (pg.receiver() != null) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("status", pg.receiver().status());
                w.put("sender", pg.receiver().sender());
                m.put("wal_receiver", w);
            }
            if (!pg.inRecovery()) {
                List<Map<String, Object>> rs = pg.replicas().stream().map(x -> {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put("application_name", x.applicationName());
                    rm.put("client_addr", x.clientAddress());
                    rm.put("state", x.state());
                    rm.put("sync_state", x.syncState());
                    return rm;
                }).toList();
                m.put("replicas", rs);
            }
        }
        Map<String, Object> replication = replication(n);
        if (replication != null) m.put("replication", replication);
        String error = n.reachable() ? n.pgError() : n.sshError();
        if (error != null) m.put("error", error);
        return m;
    }
}
