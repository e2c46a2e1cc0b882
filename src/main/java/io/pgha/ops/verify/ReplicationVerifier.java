package io.pgha.ops.verify;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Verifies a running cluster the way a DBA would, over JDBC through SSH port forwards (no database
 * port needs to be open to the controller): the primary streams to each standby
 * (pg_stat_replication), each standby receives from the primary (pg_stat_wal_receiver), a row
 * written through the VIP is read back on every standby, the VIP sits on the primary's node only, and
 * the primary's archive_command works (a failing one fills pg_wal silently).
 */
public final class ReplicationVerifier {
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofSeconds(20);
    private final Function<String, Connection> connections;

    /** @param connections the open SSH connection of each host, by inventory name */
    public ReplicationVerifier(Function<String, Connection> connections) { this.connections = connections; }

    public VerifyReport verify(VerifyTarget t) {
        long t0 = System.nanoTime();
        List<Check> checks = new ArrayList<>();
        String primary = t.primary();
        // Each check on its own: a node that is down fails its checks, the others still report.
        checks.addAll(attempt("vip", primary, t, () -> vipPlacement(t)));
        checks.addAll(attempt("primary", primary, t, () -> onNode(primary, t, port -> List.of(primaryRole(t, port)))));
        checks.addAll(attempt("pg_stat_replication", primary, t, () -> onNode(primary, t, port -> streamingFromPrimary(t, port))));
        for (String standby : t.standbys()) {
            checks.addAll(attempt("pg_stat_wal_receiver", standby, t, () -> onNode(standby, t, port -> List.of(walReceiver(t, standby, port)))));
        }
        checks.addAll(attempt("write via VIP", primary, t, () -> writeThroughVipReadOnStandbys(t)));
        checks.addAll(attempt("archiving", primary, t, () -> onNode(primary, t, port -> List.of(archiving(t, port)))));
        return new VerifyReport(checks, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A check's body: talks to nodes over SSH and JDBC. */
    @FunctionalInterface
    private interface CheckBody {
        List<Check> run() throws TransportException, SQLException;
    }

    /** A check's body given the local port forwarded to a node's PostgreSQL. */
    @FunctionalInterface
    private interface OnPort {
        List<Check> run(int localPort) throws SQLException;
    }

    private List<Check> attempt(String name, String host, VerifyTarget t, CheckBody body) {
        try {
            return body.run();
        } catch (SQLException e) {
            return List.of(Check.fail(name, host, Jdbc.describe(host, t, e)));
        } catch (TransportException e) {
            return List.of(Check.fail(name, host, e.getMessage()));
        }
    }

    private List<Check> onNode(String host, VerifyTarget t, OnPort body) throws TransportException, SQLException {
        try (PortForward fwd = connections.apply(host).forward("127.0.0.1", t.port())) {
            return body.run(fwd.localPort());
        }
    }

    private List<Check> vipPlacement(VerifyTarget t) throws TransportException {
        List<Check> out = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        List<String> all = new ArrayList<>();
        all.add(t.primary());
        all.addAll(t.standbys());
        for (String h : all) {
            ExecResult r = connections.apply(h).exec(ExecRequest.of(NodeAddresses.LIST));
            if (NodeAddresses.holds(r.stdout(), t.vip())) holders.add(h);
        }
        if (holders.equals(List.of(t.primary()))) {
            out.add(Check.pass("vip", t.primary(), "VIP " + t.vip() + " is on " + t.primary() + " (the primary) only"));
        } else if (holders.isEmpty()) {
            out.add(Check.fail("vip", t.primary(), "VIP " + t.vip() + " is on no node: is keepalived running (systemctl status keepalived)?"));
        } else {
            out.add(Check.fail("vip", t.primary(), "VIP " + t.vip() + " is on " + holders + ", expected on " + t.primary() + " only"));
        }
        return out;
    }

    private Check primaryRole(VerifyTarget t, int port) throws SQLException {
        try (java.sql.Connection c = jdbc(port, t); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_is_in_recovery(), current_setting('server_version')")) {
            rs.next();
            boolean recovery = rs.getBoolean(1);
            return recovery ? Check.fail("primary", t.primary(), t.primary() + " is in recovery: it is not a primary")
                    : Check.pass("primary", t.primary(), t.primary() + " is primary (PostgreSQL " + rs.getString(2) + ")");
        }
    }

    private List<Check> streamingFromPrimary(VerifyTarget t, int port) throws SQLException {
        List<Check> out = new ArrayList<>();
        try (java.sql.Connection c = jdbc(port, t); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select application_name, client_addr::text, state, sync_state, "
                     + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), -1) from pg_stat_replication")) {
            List<String> rows = new ArrayList<>();
            int streaming = 0;
            while (rs.next()) {
                rows.add(rs.getString(1) + "@" + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " replay lag " + rs.getLong(5) + " bytes");
                if ("streaming".equals(rs.getString(3))) streaming++;
            }
            if (streaming >= t.standbys().size() && streaming > 0) {
                out.add(Check.pass("pg_stat_replication", t.primary(), String.join("; ", rows)));
            } else {
                out.add(Check.fail("pg_stat_replication", t.primary(), "expected " + t.standbys().size()
                        + " streaming standby(s), saw " + (rows.isEmpty() ? "none" : String.join("; ", rows))));
            }
        }
        return out;
    }

    private Check walReceiver(VerifyTarget t, String standby, int port) throws SQLException {
        try (java.sql.Connection c = jdbc(port, t); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select status, sender_host, sender_port from pg_stat_wal_receiver")) {
            if (!rs.next()) return Check.fail("pg_stat_wal_receiver", standby, standby + " has no WAL receiver: it is not replicating");
            String detail = standby + " " + rs.getString(1) + " from " + rs.getString(2) + ":" + rs.getInt(3);
            return "streaming".equals(rs.getString(1)) ? Check.pass("pg_stat_wal_receiver", standby, detail)
                    : Check.fail("pg_stat_wal_receiver", standby, detail);
        }
    }

    private List<Check> writeThroughVipReadOnStandbys(VerifyTarget t) throws TransportException, SQLException {
        List<Check> out = new ArrayList<>();
        String token = UUID.randomUUID().toString();
        // Through a standby's SSH: the VIP must answer from inside the cluster's network.
        String via = t.standbys().isEmpty() ? t.primary() : t.standbys().get(0);
        try (PortForward vipFwd = connections.apply(via).forward(t.vip(), t.port());
             java.sql.Connection c = jdbc(vipFwd.localPort(), t); Statement s = c.createStatement()) {
            s.execute("create table if not exists pgha_verify(token text primary key, written_at timestamptz default now())");
            try (PreparedStatement ps = c.prepareStatement("insert into pgha_verify(token) values (?)")) {
                ps.setString(1, token);
                ps.executeUpdate();
            }
            s.execute("delete from pgha_verify where written_at < now() - interval '1 day'");
        }
        long written = System.nanoTime();
        for (String standby : t.standbys()) {
            try (PortForward fwd = connections.apply(standby).forward("127.0.0.1", t.port());
                 java.sql.Connection c = jdbc(fwd.localPort(), t);
                 PreparedStatement ps = c.prepareStatement("select 1 from pgha_verify where token = ?")) {
                ps.setString(1, token);
                boolean seen = false;
                while (!seen && System.nanoTime() - written < READ_BACK_TIMEOUT.toNanos()) {
                    seen = readBack(ps);
                    if (!seen) sleep(100);
                }
                long ms = (System.nanoTime() - written) / 1_000_000;
                out.add(seen ? Check.pass("write via VIP", standby, "row written through VIP " + t.vip() + " read back on " + standby + " after " + ms + " ms")
                        : Check.fail("write via VIP", standby, "row written through VIP " + t.vip() + " not seen on " + standby + " within " + READ_BACK_TIMEOUT.toSeconds() + " s"));
            } catch (SQLException e) { // the write went through; this standby could not be read
                out.add(Check.fail("write via VIP", standby, "row written through VIP " + t.vip() + ", but "
                        + Jdbc.describe(standby, t, e)));
            }
        }
        return out;
    }

    /**
     * True when the standby has the row. On the first verification the standby may not have replayed
     * the table's creation yet: undefined_table (42P01) means "not yet", like a missing row.
     */
    static boolean readBack(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) return false;
            throw e;
        }
    }

    /**
     * pg_stat_archiver on the primary: bootstrap's base backup completed a WAL segment, so by now the
     * archiver has archived it or failed at it. Waits up to ARCHIVE_TIMEOUT for one or the other.
     */
    private Check archiving(VerifyTarget t, int port) throws SQLException {
        try (java.sql.Connection c = jdbc(port, t); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            while (true) {
                try (ResultSet rs = s.executeQuery("select current_setting('archive_mode'), archived_count, last_archived_wal,"
                        + " failed_count, last_failed_wal, coalesce(last_failed_time > coalesce(last_archived_time, '-infinity'), false)"
                        + " from pg_stat_archiver")) {
                    rs.next();
                    if ("off".equals(rs.getString(1))) {
                        return Check.pass("archiving", t.primary(), "archive_mode is off on " + t.primary() + ": nothing to check");
                    }
                    boolean failing = rs.getBoolean(6);
                    long waited = (System.nanoTime() - t0) / 1_000_000;
                    if (failing && (rs.getLong(4) >= 2 || waited > 3000)) {
                        return Check.fail("archiving", t.primary(), "archive_command fails on " + t.primary() + ": "
                                + rs.getString(5) + " failed " + rs.getLong(4) + " time(s), so WAL stays in pg_wal until"
                                + " the disk is full. Run the archive_command by hand as postgres on " + t.primary()
                                + " (for scp: ssh keys and known_hosts of postgres) and read the server log.");
                    }
                    if (!failing && rs.getLong(2) > 0) {
                        return Check.pass("archiving", t.primary(), t.primary() + " archived " + rs.getLong(2)
                                + " WAL file(s), last " + rs.getString(3));
                    }
                    if (waited > ARCHIVE_TIMEOUT.toMillis()) {
                        return Check.fail("archiving", t.primary(), t.primary() + " archived no WAL file within "
                                + ARCHIVE_TIMEOUT.toSeconds() + " s (archive_mode on): is the archiver running?");
                    }
                }
                sleep(250);
            }
        }
    }

    private static java.sql.Connection jdbc(int localPort, VerifyTarget t) throws SQLException {
        return Jdbc.connect(localPort, t, "pgha-verify");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
