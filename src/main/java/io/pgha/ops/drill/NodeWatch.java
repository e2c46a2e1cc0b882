package io.pgha.ops.drill;

import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.NodeAddresses;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches one node through a drill, each on its own thread so a dead path does not stall the other:
 * every PROBE_MS whether its PostgreSQL takes writes (asked directly, as a client would, not through the
 * VIP), and every SYSTEM_MS whether it holds the VIP and the VRRP state keepalived last reported.
 */
final class NodeWatch implements AutoCloseable {
    static final long PROBE_MS = 250;
    static final long SYSTEM_MS = 500;
    private static final String MARK = "@@pgha-vrrp";

    /** writable: true/false as PostgreSQL answered, null when it did not answer. */
    record Probe(long atNanos, Boolean writable) {}

    /** vrrp: MASTER, BACKUP, FAULT, STOP, or null when unknown; reachable false when SSH did not answer. */
    record SystemSample(long atNanos, boolean reachable, boolean holdsVip, String vrrp) {}

    private final String host;
    private final Endpoint endpoint;
    private final VerifyTarget target;
    private final Connection ssh;
    private final java.net.InetSocketAddress sshd;
    private final String stateFile;
    private final List<Probe> probes = new ArrayList<>();
    private final List<SystemSample> system = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    NodeWatch(String host, Endpoint endpoint, VerifyTarget target, Connection ssh, java.net.InetSocketAddress sshd, String vrrpStateFile) {
        this.host = host;
        this.sshd = sshd;
        this.endpoint = endpoint;
        this.target = target;
        this.ssh = ssh;
        this.stateFile = vrrpStateFile;
    }

    String host() { return host; }

    NodeWatch start() {
        threads.add(daemon("pgha-drill-probe-" + host, this::probeLoop));
        threads.add(daemon("pgha-drill-system-" + host, this::systemLoop));
        return this;
    }

    synchronized List<Probe> probes() { return List.copyOf(probes); }

    synchronized List<SystemSample> system() { return List.copyOf(system); }

    private void probeLoop() {
        java.sql.Connection c = null;
        while (!stop) {
            long at = System.nanoTime();
            Boolean writable = null;
            try {
                if (c == null) c = Jdbc.connect(endpoint.host(), endpoint.port(), target, "pgha-drill-probe", 1, 2);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select not pg_is_in_recovery()")) {
                    rs.next();
                    writable = rs.getBoolean(1);
                }
            } catch (SQLException e) {
                close(c);
                c = null;
            }
            add(new Probe(at, writable));
            pause(at, PROBE_MS);
        }
        close(c);
    }

    private void systemLoop() {
        String script = NodeAddresses.LIST + "; echo " + MARK + "; cut -d' ' -f1 " + stateFile + " 2>/dev/null || true";
        boolean lost = false;
        while (!stop) {
            long at = System.nanoTime();
            SystemSample s;
            if (lost && !sshPortAnswers()) {
                // A cut-off node: each exec that times out leaves a channel request queued on the SSH
                // connection, and they all reach sshd at once when the link heals (past its MaxSessions).
                // So no new exec until the node's port 22 answers again.
                add(new SystemSample(at, false, false, null));
                pause(at, SYSTEM_MS);
                continue;
            }
            try {
                ExecResult r = ssh.exec(ExecRequest.of(script).withTimeout(Duration.ofSeconds(2)));
                String out = r.stdout();
                int mark = out.indexOf(MARK);
                String vrrp = mark < 0 ? "" : out.substring(mark + MARK.length()).strip();
                s = new SystemSample(at, true, NodeAddresses.holds(mark < 0 ? out : out.substring(0, mark), target.vip()),
                        vrrp.isEmpty() ? null : vrrp);
                lost = false;
            } catch (TransportException | RuntimeException e) {
                s = new SystemSample(at, false, false, null);
                lost = true;
            }
            add(s);
            pause(at, SYSTEM_MS);
        }
    }

    /** Whether a TCP connection to the node's sshd opens within a second. */
    private boolean sshPortAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(sshd.getHostString(), sshd.getPort()), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private synchronized void add(Probe p) { probes.add(p); }

    private synchronized void add(SystemSample s) { system.add(s); }

    @Override
    public void close() {
        stop = true;
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void close(java.sql.Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server went away: that is what is being watched
        }
    }

    static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void pause(long sinceNanos, long periodMs) {
        long left = periodMs - (System.nanoTime() - sinceNanos) / 1_000_000;
        if (left <= 0) return;
        try {
            Thread.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
