package io.pgha.ops.status;

import io.pgha.modules.support.Shell;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.NodeAddresses;
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
import java.util.List;

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
     * The system script, then the six mark files, one line each (empty when absent), then the age in
     * seconds of the restart-in-place hold and of the last crash restart (empty when absent, and the
     * crash restart also when older than its window).
     */
    private String script() {
        if (target.marks() == null) return SYSTEM_SCRIPT;
        VerifyTarget.MarkFiles files = target.marks();
        StringBuilder s = new StringBuilder(SYSTEM_SCRIPT).append("; echo ").append(MARKS);
        for (String f : new String[] {files.vrrpState(), files.fenced(), files.refusedWhy(), files.lease(), files.replication(), files.maintenance()}) {
            s.append("; echo \"$(head -n 1 ").append(Shell.quote(f)).append(" 2>/dev/null)\"");
        }
        s.append("; ").append(age(files.restartHold(), Long.MAX_VALUE)).append("; ").append(age(files.crashRestart(), files.crashRestartWindow()));
        return s.toString();
    }

    /** Prints the file's age in seconds when it exists and is younger than maxSeconds, else an empty line. */
    static String age(String file, long maxSeconds) {
        String f = Shell.quote(file);
        return "a=$(( $(date +%s) - $(stat -c %Y " + f + " 2>/dev/null || date +%s) )); [ -e " + f + " ] && [ \"$a\" -lt "
                + maxSeconds + " ] && echo \"$a\" || echo";
    }

    static NodeState.Marks marks(String out) {
        int i = out.indexOf(MARKS);
        if (i < 0) return NodeState.Marks.NONE;
        // line by line: an absent file is an empty line, which must keep its place (no strip() of the block)
        String rest = out.substring(i + MARKS.length()).replace("\r", "");
        if (rest.startsWith("\n")) rest = rest.substring(1);
        String[] lines = (rest + "\n".repeat(8)).split("\n", -1);
        String vrrp = lines[0].strip().isEmpty() ? null : lines[0].strip().split(" ")[0];
        return new NodeState.Marks(vrrp, blankNull(lines[1]), blankNull(lines[2]), blankNull(lines[3]),
                NodeState.ReplicationMode.parse(blankNull(lines[4])), blankNull(lines[5]), seconds(lines[6]), seconds(lines[7]));
    }

    private static String blankNull(String s) { return s.strip().isEmpty() ? null : s.strip(); }

    private static Long seconds(String s) { return s.strip().matches("[0-9]{1,12}") ? Long.valueOf(s.strip()) : null; }

    NodeState probe(String host, String inventoryRole, Connection c) {
        boolean holdsVip;
        String keepalived;
        NodeState.Marks marks;
        try {
            ExecResult r = c.exec(ExecRequest.of(script()).withTimeout(Duration.ofSeconds(15)));
            String out = r.stdout();
            marks = marks(out);
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
