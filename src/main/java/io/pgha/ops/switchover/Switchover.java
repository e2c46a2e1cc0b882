package io.pgha.ops.switchover;

import io.pgha.core.ExitCodes;
import io.pgha.core.InputException;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.InventoryRoles;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Stage;
import io.pgha.ops.Toolkit;
import io.pgha.ops.drill.WriteClient;
import io.pgha.ops.status.Finding;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.VerifyReport;
import io.pgha.transport.TransportException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A planned role swap: the primary hands the VIP and the writes to its standby (playbooks/switchover.yml:
 * keepalived stopped on the primary, whose fence restarts PostgreSQL read-only after sending every WAL
 * record, and the standby's guard promotes it on that evidence), then comes back as a streaming standby
 * of the new primary. A client writes through the VIP all along, so the pause is measured, and the
 * inventory's cluster_role lines are rewritten to the new roles before the cluster is verified with them.
 * Refuses, changing nothing, unless the cluster is healthy, as the inventory says, and the standby is caught up.
 */
public final class Switchover {
    public static final String PLAYBOOK = "switchover.yml";
    /** What switchover.yml reads: the primary handing over and the standby taking over. */
    public static final String FROM = "pgha_switchover_from", TO = "pgha_switchover_to";
    /** The standby must be at most this far behind (WAL bytes) when the handover starts. */
    public static final long MAX_LAG_BYTES = 16L * 1024 * 1024;

    /**
     * How it ended.
     *
     * @param client         what a client writing through the VIP saw (null where it did not get that far)
     * @param inventoryEdits the cluster_role lines rewritten (or, in check mode, to rewrite)
     */
    public record Outcome(Stage stage, int exitCode, String message, String from, String to, WriteClient.Figures client,
                          List<InventoryRoles.Edit> inventoryEdits, Recap recap, VerifyReport verification) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public Switchover(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /**
     * @param to       the standby to promote; null: the only standby
     * @param progress one line per step, for a person watching
     */
    public Outcome run(Path inventoryPath, String to, RunOptions options, RunListener listener, Consumer<String> progress) {
        Plan plan;
        Handover handover;
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            StatusReport before = session.status();
            if (before.exitCode() == ExitCodes.UNREACHABLE) {
                return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, problems(before), null, to, null, List.of(), null, null);
            }
            plan = plan(session, before, to);
            if (options.check()) {
                return new Outcome(Stage.CHECKED, ExitCodes.OK, "would hand " + plan.from() + "'s writes and the VIP to " + plan.to()
                        + ", then rewrite the inventory's roles", plan.from(), plan.to(), null, plan.edits(), null, null);
            }
            handover = handOver(session, plan, progress);
            Recap recap = handover.recap();
            if (recap.exitCode() != ExitCodes.OK) {
                return new Outcome(Stage.ofFailed(recap), recap.exitCode(), "the handover stopped: "
                        + String.join("; ", recap.firstFailures().values()) + ". pgha status says where the cluster is now",
                        plan.from(), plan.to(), handover.client(), List.of(), recap, null);
            }
        } catch (Refused r) {
            return r.outcome;
        } catch (TransportException e) {
            return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, e.getMessage(), null, to, null, List.of(), null, null);
        } catch (SQLException e) {
            return refused("a client could not write through the VIP before the handover: " + e.getMessage(), null, to);
        } catch (IOException e) {
            return refused("reading the inventory's role lines failed: " + e.getMessage(), null, to);
        }
        return rewriteInventoryAndVerify(inventoryPath, options, listener, progress, plan, handover);
    }

    /**
     * Why a switchover could not run on the cluster as status read it, or null: for an operation that will
     * rely on one, asked before it changes anything.
     */
    public static String refusal(ClusterSession session, StatusReport status) {
        try {
            plan(session, status, null);
            return null;
        } catch (Refused r) {
            return r.getMessage();
        } catch (IOException e) {
            return "reading the inventory's role lines failed: " + e.getMessage();
        }
    }

    /** Who hands over to whom, and the inventory lines that will say so. */
    private record Plan(String from, String to, List<InventoryRoles.Edit> edits) {}

    /** What the playbook did, and what the client writing through the VIP saw meanwhile. */
    private record Handover(Recap recap, WriteClient.Figures client) {}

    /** A refusal found by a step: nothing was changed, run returns its outcome. */
    private static final class Refused extends Exception {
        final Outcome outcome;

        Refused(String why, String from, String to) {
            super(why, null, false, false);
            this.outcome = refused(why, from, to);
        }
    }

    /** Refuses unless the cluster is healthy and as the inventory says, and the standby is caught up. */
    private static Plan plan(ClusterSession session, StatusReport before, String to) throws Refused, IOException {
        List<String> refusals = new ArrayList<>(before.notAsInventorySays("a switchover"));
        refusals.addAll(before.inMaintenance("switchover"));
        before.findings().stream().filter(Finding::problem).forEach(f -> refusals.add(f.message()));
        if (!refusals.isEmpty()) {
            throw new Refused("the cluster must be healthy and as the inventory says:\n" + String.join("\n", refusals), null, to);
        }
        String from = before.primary().orElseThrow().host();
        to = standbyToPromote(before, from, to);
        Long lag = before.lagBytes().get(to);
        if (lag == null || lag > MAX_LAG_BYTES) {
            throw new Refused(to + " is " + (lag == null ? "at an unknown distance" : lag + " bytes") + " behind " + from
                    + " (limit " + MAX_LAG_BYTES + "): let it catch up first", from, to);
        }
        return new Plan(from, to, inventoryEdits(session, from, to));
    }

    /** The standby named, or the only one when none is. */
    private static String standbyToPromote(StatusReport before, String from, String to) throws Refused {
        List<String> standbys = before.nodes().stream().filter(n -> "standby".equals(n.role())).map(NodeState::host).toList();
        if (to == null) {
            if (standbys.size() != 1) {
                throw new Refused("name the standby to promote with --to (" + String.join(", ", standbys) + ")", from, null);
            }
            return standbys.get(0);
        }
        if (!standbys.contains(to)) {
            throw new Refused(to + " is not a standby of this cluster (standbys: " + String.join(", ", standbys) + ")", from, to);
        }
        return to;
    }

    /** The cluster_role lines to rewrite: from becomes a standby, to the primary. */
    private static List<InventoryRoles.Edit> inventoryEdits(ClusterSession session, String from, String to) throws Refused, IOException {
        try {
            return InventoryRoles.swap(session, from, to);
        } catch (InputException e) {
            throw new Refused("the inventory could not follow: " + e.describe(), from, to);
        }
    }

    /** Runs the playbook while a client writes through the VIP, then waits for its writes to be acknowledged again. */
    private static Handover handOver(ClusterSession session, Plan plan, Consumer<String> progress)
            throws Refused, TransportException, SQLException {
        String from = plan.from(), to = plan.to();
        progress.accept("a client writes through the VIP " + session.target().vip() + " every 50 ms");
        try (WriteClient client = WriteClient.start(session.target(), session.hosts(), to)) {
            awaitWrites(client, 1, 5_000);
            if (client.acknowledged() == 0) throw new Refused("no write through the VIP succeeded before the handover", from, to);
            progress.accept(from + " hands over to " + to + " (keepalived stopped on " + from + ": VIP moves, " + from
                    + " restarts read-only, " + to + " is promoted)");
            Recap recap = session.play(PLAYBOOK, Map.of(FROM, from, TO, to));
            int acknowledgedAfterPlaybook = client.acknowledged();
            awaitWrites(client, acknowledgedAfterPlaybook + 20, 10_000); // writes acknowledged again, about a second of them
            return new Handover(recap, client.stop());
        }
    }

    /** The inventory's roles rewritten to the new ones, then the cluster verified with them. */
    private Outcome rewriteInventoryAndVerify(Path inventoryPath, RunOptions options, RunListener listener,
                                              Consumer<String> progress, Plan plan, Handover handover) {
        String from = plan.from(), to = plan.to();
        List<InventoryRoles.Edit> edits = plan.edits();
        try {
            InventoryRoles.apply(edits);
        } catch (IOException e) {
            return new Outcome(Stage.VERIFICATION_FAILED, ExitCodes.HOST_FAILED, to + " is the primary now, but the inventory"
                    + " could not be rewritten (" + e.getMessage() + "): set the cluster_role lines yourself",
                    from, to, handover.client(), edits, handover.recap(), null);
        }
        edits.forEach(e -> progress.accept("inventory: " + e));
        try (ClusterSession after = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            VerifyReport report = after.verify();
            return report.passed()
                    ? new Outcome(Stage.VERIFIED, ExitCodes.OK, null, from, to, handover.client(), edits, handover.recap(), report)
                    : new Outcome(Stage.VERIFICATION_FAILED, ExitCodes.HOST_FAILED, "the roles are swapped but verification failed",
                    from, to, handover.client(), edits, handover.recap(), report);
        }
    }

    private static void awaitWrites(WriteClient client, int atLeast, long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (client.acknowledged() < atLeast && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Outcome refused(String why, String from, String to) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, from, to, null, List.of(), null, null);
    }

    private static String problems(StatusReport r) {
        return String.join("\n", r.findings().stream().filter(Finding::problem).map(Finding::message).toList());
    }
}
