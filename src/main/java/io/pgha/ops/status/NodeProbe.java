package io.pgha.ops.status;

import io.pgha.core.Shell;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.NodeAddresses;
import io.pgha.ops.verify.NodeMark;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one node's state without changing anything: one command for the VIP and keepalived, then
 * PostgreSQL over JDBC through a port forward, as the health-check role (pg_monitor).
 */
final class NodeProbe {
    private static final String MARK = "@@pgha-keepalived";
    /** Addresses, then whether a keepalived process runs (no sudo needed for either). */
    static final String SYSTEM_SCRIPT = NodeAddresses.LIST + "; echo " + MARK + "; "
            + "if command -v pidof >/dev/null 2>&1; then pidof keepalived >/dev/null && echo running || echo stopped; "
            + "elif command -v pgrep >/dev/null 2>&1; then pgrep -x keepalived >/dev/null && echo running || echo stopped; "
            + "else echo unknown; fi";
    private static final String STANDBY_SQL = "select coalesce(pg_last_wal_replay_lsn(), pg_last_wal_receive_lsn(), '0/0')::text,"
            + " coalesce((select received_tli from pg_stat_wal_receiver), (select timeline_id from pg_control_checkpoint())),"
            + " (select status from pg_stat_wal_receiver), (select sender_host || ':' || sender_port from pg_stat_wal_receiver)";
    // A primary's timeline is the first 8 hex digits of the WAL file it writes.
    private static final String PRIMARY_SQL = "select pg_current_wal_lsn()::text,"
            + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";
    private static final String SYNC_SQL = "select current_setting('synchronous_standby_names'),"
            + " (select count(*) from pg_stat_activity where wait_event = 'SyncRep')";
    private static final String REPLICAS_SQL = "select application_name, client_addr::text, state, sync_state"
            + " from pg_stat_replication order by application_name";

    private static final String MARKS = "@@pgha-marks";
    private final VerifyTarget target;

    NodeProbe(VerifyTarget target) { this.target = target; }

    /**
     * The system script, then one "key=value" line per mark of the state contract (NodeMark): a line mark's first
     * line (empty when absent), an uptime mark's age in seconds on the node's uptime clock (empty when absent or
     * from before a reboot).
     */
    private String script() {
        if (target.marks() == null) return SYSTEM_SCRIPT;
        StringBuilder s = new StringBuilder(SYSTEM_SCRIPT).append("; echo ").append(MARKS);
        for (NodeMark m : NodeMark.values()) {
            String file = target.marks().files().get(m);
            s.append("; ").append(m.clock() == NodeMark.Clock.LINE
                    ? "echo \"" + m.key() + "=$(head -n 1 " + Shell.quote(file) + " 2>/dev/null)\""
                    : uptimeAge(m.key(), file));
        }
        return s.toString();
    }

    /**
     * Prints "KEY=SECONDS" since the uptime (1/100 s) the file holds, or "KEY=" when it is absent, not a number, or
     * above the uptime now (written before a reboot): the clock rule the health check applies to the same marks.
     */
    static String uptimeAge(String key, String file) {
        return "awk -v f=" + Shell.quote(file) + " 'BEGIN { getline l < \"/proc/uptime\"; split(l, a, \" \"); u = int(a[1] * 100 + 0.5);"
                + " m = \"\"; if ((getline m < f) > 0 && m ~ /^[0-9]+$/ && m + 0 <= u) print \"" + key + "=\" int((u - m) / 100);"
                + " else print \"" + key + "=\" }'";
    }

    /** The marks from a probe's output, by key (lines before the marks, and unknown keys, are ignored). */
    static NodeState.Marks marks(String out, long crashRestartWindow) {
        int i = out.indexOf(MARKS);
        if (i < 0) return NodeState.Marks.NONE;
        Map<String, String> v = new HashMap<>();
        for (String line : out.substring(i + MARKS.length()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) v.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        String vrrp = blankNull(v.getOrDefault(NodeMark.VRRP_STATE.key(), ""));
        Long crash = seconds(v.getOrDefault(NodeMark.CRASH_RESTART.key(), ""));
        return new NodeState.Marks(vrrp == null ? null : vrrp.split(" ")[0], value(v, NodeMark.FENCED), value(v, NodeMark.REFUSED_WHY),
                value(v, NodeMark.LEASE), NodeState.ReplicationMode.parse(value(v, NodeMark.REPLICATION)), value(v, NodeMark.MAINTENANCE),
                seconds(v.getOrDefault(NodeMark.RESTART_HOLD.key(), "")), crash != null && crash < crashRestartWindow ? crash : null,
                value(v, NodeMark.FENCE_CHECK));
    }

    private static String value(Map<String, String> values, NodeMark m) { return blankNull(values.getOrDefault(m.key(), "")); }

    private static String blankNull(String s) { return s.strip().isEmpty() ? null : s.strip(); }

    private static Long seconds(String s) { return s.strip().matches("[0-9]{1,12}") ? Long.valueOf(s.strip()) : null; }

    NodeState probe(String host, String inventoryRole, Connection c) {
        boolean holdsVip;
        String keepalived;
        NodeState.Marks marks;
        try {
            ExecResult r = c.exec(ExecRequest.of(script()).withTimeout(Duration.ofSeconds(15)));
            String out = r.stdout();
            marks = marks(out, target.marks() == null ? 0 : target.marks().crashRestartWindow());
            if (out.contains(MARKS)) out = out.substring(0, out.indexOf(MARKS));
            int mark = out.indexOf(MARK);
            String addresses = mark < 0 ? out : out.substring(0, mark);
            holdsVip = NodeAddresses.holds(addresses, target.vip());
            keepalived = mark < 0 ? "unknown" : out.substring(mark + MARK.length()).strip();
        } catch (TransportException e) {
            return NodeState.unreachable(host, inventoryRole, e.getMessage());
        }
        try (PortForward fwd = c.forward("127.0.0.1", target.port());
             java.sql.Connection db = Jdbc.connect(fwd.localPort(), target, "pgha-status")) {
            return new NodeState(host, inventoryRole, null, postgres(db), null, holdsVip, keepalived, marks);
        } catch (SQLException e) {
            return new NodeState(host, inventoryRole, null, null, Jdbc.describe(host, target, e), holdsVip, keepalived, marks);
        } catch (TransportException e) {
            return new NodeState(host, inventoryRole, null, null, host + ": " + e.getMessage(), holdsVip, keepalived, marks);
        }
    }

    private static PgState postgres(java.sql.Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            boolean recovery;
            String version;
            try (ResultSet rs = s.executeQuery("select pg_is_in_recovery(), current_setting('server_version')")) {
                rs.next();
                recovery = rs.getBoolean(1);
                version = rs.getString(2);
            }
            if (recovery) {
                try (ResultSet rs = s.executeQuery(STANDBY_SQL)) {
                    rs.next();
                    PgState.Receiver receiver = rs.getString(3) == null ? null : new PgState.Receiver(rs.getString(3), rs.getString(4));
                    return new PgState(true, version, rs.getLong(2), Lsn.parse(rs.getString(1)), receiver, List.of());
                }
            }
            Lsn position;
            long timeline;
            try (ResultSet rs = s.executeQuery(PRIMARY_SQL)) {
                rs.next();
                position = Lsn.parse(rs.getString(1));
                timeline = rs.getLong(2);
            }
            List<PgState.Replica> replicas = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(REPLICAS_SQL)) {
                while (rs.next()) replicas.add(new PgState.Replica(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            PgState.SyncRep sync;
            try (ResultSet rs = s.executeQuery(SYNC_SQL)) {
                rs.next();
                sync = new PgState.SyncRep(rs.getString(1).strip(), rs.getInt(2));
            }
            return new PgState(false, version, timeline, position, null, replicas, sync);
        }
    }
}
