package io.pgha.ops.drill;

import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.VerifyTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A client writing all through a drill, as an application would: one numbered row every PACE_MS,
 * autocommit, a new connection after any failure. Records every acknowledged write (with the timeline
 * of the server that took it) and every failed one. One writes through the VIP; another to the old
 * primary's own address, as a client that kept its connection there (both sides of a partition).
 */
final class VipWriter implements Runnable {
    static final long PACE_MS = 50;
    static final String TABLE = "pgha_drill";
    private static final String INSERT = "insert into " + TABLE + "(run, n) values (?, ?)"
            + " returning ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int";

    record Ack(long n, long atNanos, int timeline) {}

    record Failure(long n, long atNanos, String error) {}

    private final Endpoint endpoint;
    private final VerifyTarget target;
    private final String run;
    private final List<Ack> acks = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private volatile boolean stop;

    /** @param run the rows' key: what this writer wrote, to read back */
    VipWriter(Endpoint endpoint, VerifyTarget target, String run) {
        this.endpoint = endpoint;
        this.target = target;
        this.run = run;
    }

    static String createTable() {
        return "create table if not exists " + TABLE + "(run text, n bigint, written_at timestamptz default now(), primary key (run, n))";
    }

    @Override
    public void run() {
        Connection c = null;
        long n = 0;
        while (!stop) {
            n++;
            long at = System.nanoTime();
            try {
                if (c == null) c = Jdbc.connect(endpoint.host(), endpoint.port(), target, "pgha-drill", 2, 5);
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, run);
                    ps.setLong(2, n);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        record(new Ack(n, System.nanoTime(), rs.getInt(1)));
                    }
                }
            } catch (SQLException e) {
                record(new Failure(n, at, e.getMessage()));
                close(c);
                c = null;
            }
            pause();
        }
        close(c);
    }

    void stop() { stop = true; }

    String runId() { return run; }

    /** The run id's last part (vip, direct, client): names this writer's rows in a report. */
    String label() { return run.substring(run.lastIndexOf('-') + 1); }

    synchronized List<Ack> acks() { return List.copyOf(acks); }

    synchronized List<Failure> failures() { return List.copyOf(failures); }

    private synchronized void record(Ack a) { acks.add(a); }

    private synchronized void record(Failure f) { failures.add(f); }

    private static void close(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server is going away: that is the drill
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
