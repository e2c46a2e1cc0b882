package io.pgha.ops.drill;

import io.pgha.core.ExitCodes;
import io.pgha.engine.ClusterHosts;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.status.Finding;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The failover drill: clients write through the VIP and to the primary's own address while a fault is
 * injected into a node; each node is probed directly for whether it takes writes. Then the node is
 * brought back as a careless operator or a reboot would (the after-phase) and watched again. Measured:
 * the timeline (detection, VIP moved, promotion, writes back), the time with two writable primaries in
 * each phase, and the acknowledged writes the primary behind the VIP at the end does not have.
 * Refused (nothing done) unless the cluster is healthy and as the inventory says.
 */
public final class FailoverDrill {
    /** What the drill does to a node's services, and the variables it passes (the node, the fault's option, inject or heal). */
    public static final String FAULT_PLAYBOOK = "drill-fault.yml";
    public static final String FAULT_VICTIM = "pgha_drill_victim", FAULT_OPTION = "pgha_drill_fault", FAULT_STEP = "pgha_drill_step";
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** A fault that does not stop writes is watched this long before its after-phase. */
    private static final Duration QUIET_FAULT = Duration.ofSeconds(15);
    private static final long POLL_MS = 250;

    public enum Stage { REFUSED, UNREACHABLE, FAULT_FAILED, RECOVERED, NOT_RECOVERED, SPLIT_BRAIN }

    public record Outcome(Stage stage, int exitCode, String message, DrillReport report) {}

    /**
     * @param timeout  the longest fault phase (until writes are acknowledged again through the VIP)
     * @param after    how long the after-phase is watched
     * @param lab      power and cables of lab nodes (its container engine), used when the inventory is a lab's
     *                 (pgha_lab_network set); real hosts get theirs over SSH
     */
    /** @param cluster the --limit that chooses the cluster in an inventory of several (null: its only one) */
    public record Options(Fault fault, Duration timeout, Duration after, boolean acceptNewHostKeys, boolean allowHostDown,
                          NodeControl lab, String cluster) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public FailoverDrill(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /**
     * @param listener told each command the drill runs on the nodes (-v), masked
     * @param progress one line per step, for a person watching
     */
    public Outcome run(Path inventoryPath, Options o, RunListener listener, Consumer<String> progress) {
        RunOptions options = RunOptions.defaults().withAcceptNewHostKeys(o.acceptNewHostKeys()).withLimit(o.cluster());
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            return run(session, o, progress);
        }
    }

    private Outcome run(ClusterSession session, Options o, Consumer<String> progress) {
        long t0 = System.nanoTime();
        VerifyTarget target = session.target();
        if (target.standbys().isEmpty()) return refused("the inventory has no standby to fail over to");
        String primary = target.primary();
        String standby = target.standbys().get(0);
        String victim = o.fault().victim() == Fault.Victim.PRIMARY ? primary : standby;
        boolean onLab = !session.var(primary, "pgha_lab_network!\"\"").isEmpty();  // written by `pgha lab up`
        if (!onLab && o.fault().powersOff() && !o.allowHostDown()) {
            return refused(o.fault().option() + " powers " + victim + " off: on real hosts that is a crash reboot; give"
                    + " --allow-host-down to mean it (the lab does it with its container engine)");
        }

        try {
            StatusReport before = session.status();
            Set<String> refusals = new LinkedHashSet<>(before.notAsInventorySays("the drill"));
            refusals.addAll(before.inMaintenance("drill"));
            if (before.exitCode() == ExitCodes.UNREACHABLE) {
                return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, String.join("\n", refusals), null);
            }
            before.findings().stream().filter(Finding::problem).forEach(f -> refusals.add(f.message()));
            if (!refusals.isEmpty()) {
                refusals.add("a drill on a cluster that is not healthy measures nothing: fix the above first (pgha status)");
                return refused(String.join("\n", refusals));
            }
            int timelineBefore = (int) before.primary().orElseThrow().pg().timeline();
            ClusterHosts hosts = session.hosts();
            NodeControl control = onLab ? o.lab()
                    : new SshNodeControl(hosts::get, o.allowHostDown(), o.timeout().plus(o.after()).plusSeconds(60));
            FaultInjector injector = new FaultInjector(o.fault(), victim, session::play, hosts.get(victim), control,
                    session.var(victim.equals(primary) ? standby : primary, "pg_node_address"), session.var(victim, "pg_service_name"),
                    session.var(victim, "ka_service_name"), session.var(victim, "pg_data"), o.timeout().plus(o.after()).plusSeconds(60));
            try (Endpoints endpoints = new Endpoints(target, hosts)) {
                Endpoint vip = endpoints.open(target.vip(), standby);
                Map<String, Endpoint> nodes = new LinkedHashMap<>();
                for (String h : List.of(primary, standby)) nodes.put(h, endpoints.open(session.var(h, "pg_node_address"), h));
                return drill(o, progress, new Setup(session, primary, standby, victim, timelineBefore, vip, nodes,
                        session.var(primary, "pgha_vrrp_state_file"), injector), t0);
            }
        } catch (TransportException e) {
            return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, e.getMessage(), null);
        } catch (SQLException e) {
            return refused("writing through the VIP " + target.vip() + " failed before any fault: "
                    + Jdbc.describe("the VIP", target, e));
        }
    }

    /** What a drill found and opened before its fault: the roles, the client's ways in, the fault ready to inject. */
    private record Setup(ClusterSession session, String primary, String standby, String victim, int timelineBefore,
                         Endpoint vip, Map<String, Endpoint> nodes, String stateFile, FaultInjector injector) {}

    private Outcome drill(Options o, Consumer<String> progress, Setup setup, long t0) throws SQLException {
        ClusterSession session = setup.session();
        String primary = setup.primary(), standby = setup.standby(), victim = setup.victim();
        Endpoint vip = setup.vip();
        Map<String, Endpoint> nodes = setup.nodes();
        FaultInjector injector = setup.injector();
        VerifyTarget target = session.target();
        ClusterHosts sessions = session.hosts();
        String run = UUID.randomUUID().toString();
        try (java.sql.Connection c = Jdbc.connect(vip.host(), vip.port(), target, "pgha-drill", 5, 30);
             Statement s = c.createStatement()) {
            s.execute(VipWriter.createTable());
            s.execute("delete from " + VipWriter.TABLE + " where written_at < now() - interval '1 day'");
        }
        VipWriter viaVip = new VipWriter(vip, target, run + "-vip");
        VipWriter direct = new VipWriter(nodes.get(primary), target, run + "-direct");
        List<NodeWatch> watches = new ArrayList<>();
        for (var e : nodes.entrySet()) watches.add(new NodeWatch(e.getKey(), e.getValue(), target, sessions.get(e.getKey()), sessions.sshd(e.getKey()), setup.stateFile()).start());
        Thread vipThread = NodeWatch.daemon("pgha-drill-writer-vip", viaVip);
        Thread directThread = NodeWatch.daemon("pgha-drill-writer-direct", direct);
        progress.accept("writing through the VIP " + target.vip() + " (" + vip.via() + ") and to " + primary + "'s own address,"
                + " a row every " + VipWriter.PACE_MS + " ms each; probing both nodes every " + NodeWatch.PROBE_MS + " ms");
        sleep(WARM_UP.toMillis());
        if (viaVip.acks().isEmpty()) {
            stopAll(watches, viaVip, vipThread, direct, directThread);
            return refused("no write through the VIP " + target.vip() + " succeeded in " + WARM_UP.toSeconds() + " s before the fault: "
                    + viaVip.failures().stream().map(VipWriter.Failure::error).findFirst().orElse("?"));
        }

        progress.accept("fault on " + victim + ": " + o.fault().description() + " (" + injector.describe() + ")");
        long faultAt = System.nanoTime();
        try {
            injector.inject();
        } catch (TransportException | RuntimeException e) {
            stopAll(watches, viaVip, vipThread, direct, directThread);
            return new Outcome(Stage.FAULT_FAILED, ExitCodes.HOST_FAILED, "the fault could not be injected: " + e.getMessage()
                    + "; nothing else was done", null);
        }
        watchFault(o, progress, viaVip, faultAt);

        long healAt = System.nanoTime();
        progress.accept(String.format(Locale.ROOT, "after-phase at %.1f s: %s on %s, watched %d s", ms(healAt - faultAt) / 1000.0,
                o.fault().healDescription(), victim, o.after().toSeconds()));
        try {
            injector.heal();
        } catch (TransportException | RuntimeException e) {
            progress.accept("bringing " + victim + " back failed: " + e.getMessage());
        }
        sleep(o.after().toMillis());
        long endAt = System.nanoTime();
        stopAll(watches, viaVip, vipThread, direct, directThread);

        Map<String, List<NodeWatch.Probe>> probes = new LinkedHashMap<>();
        Map<String, List<NodeWatch.SystemSample>> system = new LinkedHashMap<>();
        for (NodeWatch w : watches) {
            probes.put(w.host(), w.probes());
            system.put(w.host(), w.system());
        }
        DrillMeasure measure = DrillMeasure.of(viaVip.acks(), viaVip.failures(), faultAt);
        List<String> lost = null;
        String lostUnknown = null;
        try {
            lost = LostWrites.readBack(vip, target, "pgha-drill", List.of(viaVip, direct));
        } catch (SQLException e) {
            lostUnknown = "reading the drill's rows back through the VIP failed: " + e.getMessage();
        }
        // Fresh connections: a node that was cut off may hold a wedged one (sshd counts its channel
        // requests, queued while the link was down, against MaxSessions).
        StatusReport after = session.statusAfresh();
        DrillReport report = new DrillReport(o.fault(), victim, primary, standby, setup.timelineBefore(), vip.via(), measure,
                DrillTimeline.of(faultAt, healAt, primary, standby, system, probes, measure), ms(healAt - faultAt),
                SplitBrain.overlapMs(probes, faultAt, healAt), SplitBrain.overlapMs(probes, healAt, endAt),
                DrillMeasure.maxGapMs(viaVip.acks(), faultAt, healAt), viaVip.acks().size(), viaVip.failures().size(),
                direct.acks().size(), lost, lostUnknown, after, ms(System.nanoTime() - t0),
                DrillTrace.of(faultAt, endAt, probes, system, viaVip.acks(), viaVip.failures()));
        if (o.fault().interruptsWrites() && measure.firstFailureMs() == null) {
            return new Outcome(Stage.FAULT_FAILED, ExitCodes.HOST_FAILED, "no write through the VIP failed after " + injector.describe()
                    + ": the fault did not take, so nothing was measured (" + victim + " kept serving; pgha status shows it)", report);
        }
        if (report.splitBrainMs() > 0) {
            return new Outcome(Stage.SPLIT_BRAIN, ExitCodes.HOST_FAILED, String.format(Locale.ROOT,
                    "two writable primaries for %.1f s", report.splitBrainMs() / 1000.0), report);
        }
        boolean serving = viaVip.acks().stream().anyMatch(a -> a.atNanos() > endAt - SETTLE.toNanos() - 2_000_000_000L);
        return serving ? new Outcome(Stage.RECOVERED, ExitCodes.OK, null, report)
                : new Outcome(Stage.NOT_RECOVERED, ExitCodes.HOST_FAILED, "writes through the VIP were not acknowledged at the end"
                + " of the drill: the cluster is unavailable (safe, not split); pgha status says why", report);
    }

    /** Until writes through the VIP failed and came back (then a little longer), or a quiet fault was watched long enough. */
    private static void watchFault(Options o, Consumer<String> progress, VipWriter viaVip, long faultAt) {
        long deadline = faultAt + o.timeout().toNanos();
        Long settleUntil = null;
        boolean saidFailed = false;
        while (System.nanoTime() < deadline && (settleUntil == null || System.nanoTime() < settleUntil)) {
            DrillMeasure m = DrillMeasure.of(viaVip.acks(), viaVip.failures(), faultAt);
            if (m.firstFailureMs() != null && !saidFailed) {
                progress.accept(String.format(Locale.ROOT, "writes through the VIP fail from %.1f s", m.firstFailureMs() / 1000.0));
                saidFailed = true;
            }
            if (settleUntil == null && m.firstFailureMs() != null && m.recovered()) {
                progress.accept(String.format(Locale.ROOT, "writes acknowledged again after %.1f s (timeline %d)",
                        m.recoveredMs() / 1000.0, m.timelineAfter()));
                settleUntil = System.nanoTime() + SETTLE.toNanos();
            }
            if (m.firstFailureMs() == null && System.nanoTime() - faultAt > QUIET_FAULT.toNanos()) break;
            sleep(POLL_MS);
        }
    }

    private static void stopAll(List<NodeWatch> watches, VipWriter a, Thread at, VipWriter b, Thread bt) {
        a.stop();
        b.stop();
        join(at);
        join(bt);
        watches.forEach(NodeWatch::close);
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome refused(String why) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, null);
    }

    private static long ms(long nanos) { return nanos / 1_000_000; }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The drill's way to each address: directly when the controller reaches it as a client (the lab), else
     * through an SSH forward from a node (a controller outside the cluster network). Closes the forwards.
     */
    private static final class Endpoints implements AutoCloseable {
        private final VerifyTarget target;
        private final ClusterHosts sessions;
        private final List<PortForward> forwards = new ArrayList<>();

        Endpoints(VerifyTarget target, ClusterHosts sessions) {
            this.target = target;
            this.sessions = sessions;
        }

        /** @param through the node whose session forwards to address when the controller cannot reach it */
        Endpoint open(String address, String through) throws TransportException {
            try (java.sql.Connection c = Jdbc.connect(address, target.port(), target, "pgha-drill", 2, 5)) {
                return Endpoint.direct(address, target.port());
            } catch (SQLException e) {
                // not reachable from here as a client: go through the node
            }
            String to = address.equals(target.vip()) ? address : "127.0.0.1";
            PortForward f = sessions.get(through).forward(to, target.port());
            forwards.add(f);
            return Endpoint.forwarded(f.localPort(), through);
        }

        @Override
        public void close() {
            for (PortForward f : forwards) {
                try {
                    f.close();
                } catch (Exception ignored) {
                    // the session may be gone with its node: that is the drill
                }
            }
        }
    }
}
