package io.pgha.ops.drill;

import io.pgha.core.ExitCodes;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.NodeSessions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.status.ClusterStatus;
import io.pgha.ops.status.Finding;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.NodeAddresses;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;
import io.pgha.template.Expressions;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The failover drill: a client writes through the VIP while a fault is injected into the primary;
 * measured are the time until the VIP answers writes again (on the promoted standby) and the
 * acknowledged writes the new primary does not have. Refused (nothing done) unless the cluster is
 * healthy and as the inventory says. It leaves the cluster failed over: the old primary must then
 * be rejoined as a standby.
 */
public final class FailoverDrill {
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final long POLL_MS = 250;

    public enum Stage { REFUSED, UNREACHABLE, FAULT_FAILED, RECOVERED, NOT_RECOVERED }

    public record Outcome(Stage stage, int exitCode, String message, DrillReport report) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public FailoverDrill(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /** @param progress one line per step, for a person watching */
    public Outcome run(Path inventoryPath, Fault fault, Duration timeout, boolean acceptNewHostKeys, Consumer<String> progress) {
        long t0 = System.nanoTime();
        ClusterInventory cluster = ClusterInventory.load(kit, layout, inventoryPath);
        Expressions expressions = kit.expressions(layout.playbooks());
        VerifyTarget target = VerifyTargets.from(cluster.inventory(), cluster.defaults(), expressions);
        kit.secrets().register(target.password());
        String primary = target.primary();
        if (target.standbys().isEmpty()) return refused("the inventory has no standby to fail over to");
        String standby = target.standbys().get(0);
        String faultCommand = fault.command(
                VerifyTargets.hostValue(cluster.inventory(), cluster.defaults(), expressions, primary, "pg_service_name"),
                VerifyTargets.hostValue(cluster.inventory(), cluster.defaults(), expressions, primary, "ka_service_name"));

        try (NodeSessions sessions = NodeSessions.open(kit, cluster.inventory(), acceptNewHostKeys)) {
            StatusReport before = ClusterStatus.read(cluster.inventory(), target, sessions, System.nanoTime());
            Set<String> refusals = new LinkedHashSet<>(before.notAsInventorySays("the drill"));
            if (before.exitCode() == ExitCodes.UNREACHABLE) {
                return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, String.join("\n", refusals), null);
            }
            before.findings().stream().filter(Finding::problem).forEach(f -> refusals.add(f.message()));
            if (!refusals.isEmpty()) {
                refusals.add("a drill on a cluster that is not healthy measures nothing: fix the above first (pgha status)");
                return refused(String.join("\n", refusals));
            }
            int timelineBefore = (int) before.primary().orElseThrow().pg().timeline();
            try (PortForward vip = sessions.get(standby).forward(target.vip(), target.port())) {
                return drill(fault, faultCommand, timeout, progress, target, sessions, cluster, primary, standby, timelineBefore, vip, t0);
            }
        } catch (TransportException e) {
            return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, e.getMessage(), null);
        } catch (SQLException e) {
            return refused("writing through the VIP " + target.vip() + " failed before any fault: "
                    + Jdbc.describe("the VIP", target, e));
        }
    }

    private Outcome drill(Fault fault, String faultCommand, Duration timeout, Consumer<String> progress, VerifyTarget target,
                          NodeSessions sessions, ClusterInventory cluster, String primary, String standby, int timelineBefore,
                          PortForward vip, long t0) throws SQLException, TransportException {
        String run = UUID.randomUUID().toString();
        try (java.sql.Connection c = Jdbc.connect(vip.localPort(), target, "pgha-drill"); Statement s = c.createStatement()) {
            s.execute(VipWriter.createTable());
            s.execute("delete from " + VipWriter.TABLE + " where written_at < now() - interval '1 day'");
        }
        VipWriter writer = new VipWriter(vip.localPort(), target, run);
        Thread thread = new Thread(writer, "pgha-drill-writer");
        thread.setDaemon(true);
        progress.accept("writing through the VIP " + target.vip() + " (a row every " + VipWriter.PACE_MS + " ms, via " + standby + ")");
        thread.start();
        sleep(WARM_UP.toMillis());
        if (writer.acks().isEmpty()) {
            stop(writer, thread);
            return refused("no write through the VIP " + target.vip() + " succeeded in " + WARM_UP.toSeconds() + " s before the fault: "
                    + writer.failures().stream().map(VipWriter.Failure::error).findFirst().orElse("?"));
        }

        progress.accept("fault on " + primary + ": " + fault.description() + " (" + faultCommand + ")");
        long faultAt = System.nanoTime();
        ExecResult injected = sessions.get(primary).exec(ExecRequest.of(faultCommand).asBecome(true, null).withTimeout(Duration.ofSeconds(90)));
        if (injected.exitCode() != 0) {
            stop(writer, thread);
            return new Outcome(Stage.FAULT_FAILED, ExitCodes.HOST_FAILED, primary + ": `" + faultCommand + "` failed (exit "
                    + injected.exitCode() + "): " + injected.stderr().strip() + "; nothing else was done", null);
        }

        Long vipMovedMs = null;
        Long settleUntil = null;
        Connection standbySsh = sessions.get(standby);
        long deadline = faultAt + timeout.toNanos();
        while (System.nanoTime() < deadline && (settleUntil == null || System.nanoTime() < settleUntil)) {
            if (vipMovedMs == null && holdsVip(standbySsh, target.vip())) {
                vipMovedMs = (System.nanoTime() - faultAt) / 1_000_000;
                progress.accept(String.format(Locale.ROOT, "VIP %s on %s after %.1f s", target.vip(), standby, vipMovedMs / 1000.0));
            }
            DrillMeasure m = DrillMeasure.of(writer.acks(), writer.failures(), faultAt);
            if (settleUntil == null && m.firstFailureMs() != null && m.recovered()) {
                progress.accept(String.format(Locale.ROOT, "writes acknowledged again after %.1f s (timeline %d)",
                        m.recoveredMs() / 1000.0, m.timelineAfter()));
                settleUntil = System.nanoTime() + SETTLE.toNanos();
            }
            sleep(POLL_MS);
        }
        stop(writer, thread);

        List<VipWriter.Ack> acks = writer.acks();
        DrillMeasure measure = DrillMeasure.of(acks, writer.failures(), faultAt);
        List<Long> lost = null;
        String lostUnknown = null;
        if (measure.recovered()) {
            try {
                lost = lost(vip.localPort(), target, run, acks);
            } catch (SQLException e) {
                lostUnknown = "reading the drill's rows back through the VIP failed: " + e.getMessage();
            }
        } else {
            lostUnknown = "no primary answered through the VIP, so what it kept cannot be read";
        }
        StatusReport after = ClusterStatus.read(cluster.inventory(), target, sessions, System.nanoTime());
        DrillReport report = new DrillReport(fault, primary, standby, timelineBefore, measure, vipMovedMs, acks.size(),
                writer.failures().size(), lost, lostUnknown, after, (System.nanoTime() - t0) / 1_000_000);
        return measure.recovered() ? new Outcome(Stage.RECOVERED, ExitCodes.OK, null, report)
                : new Outcome(Stage.NOT_RECOVERED, ExitCodes.HOST_FAILED, "writes through the VIP did not come back within "
                + timeout.toSeconds() + " s", report);
    }

    /** The acknowledged writes the primary behind the VIP does not have. */
    private static List<Long> lost(int localPort, VerifyTarget target, String run, List<VipWriter.Ack> acks) throws SQLException {
        Set<Long> kept = new HashSet<>();
        try (java.sql.Connection c = Jdbc.connect(localPort, target, "pgha-drill");
             PreparedStatement ps = c.prepareStatement("select n from " + VipWriter.TABLE + " where run = ?")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) kept.add(rs.getLong(1));
            }
        }
        List<Long> lost = new ArrayList<>();
        for (VipWriter.Ack a : acks) if (!kept.contains(a.n())) lost.add(a.n());
        return lost;
    }

    private static boolean holdsVip(Connection c, String vip) {
        try {
            ExecResult r = c.exec(ExecRequest.of(NodeAddresses.LIST).withTimeout(Duration.ofSeconds(5)));
            return NodeAddresses.holds(r.stdout(), vip);
        } catch (TransportException e) {
            return false;
        }
    }

    private static void stop(VipWriter writer, Thread thread) {
        writer.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome refused(String why) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
