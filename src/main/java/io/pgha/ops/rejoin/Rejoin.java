package io.pgha.ops.rejoin;

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
import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.VerifyTarget;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rejoining after a failover: the inventory names the new primary (pgha status tells which; rejoin
 * refuses otherwise, naming the lines to change, or with followCluster rewrites them itself); every node the inventory calls a standby that does
 * not stream (the old primary, stopped or still running), or was fenced (its data may have diverged), is stopped, rewound from the new primary with
 * pg_rewind (or, when rewind cannot work, its data directory renamed aside for a fresh base backup),
 * and the bootstrap then brings it up as a standby, renders every node's files for its new role and
 * verifies replication.
 */
public final class Rejoin {
    public static final String PLAYBOOK = "rejoin.yml";

    public enum Method { AUTO, REWIND, BASEBACKUP }

    /** What rejoin.yml reads: the nodes to rejoin and how (rewind or basebackup). */
    public static final String REJOIN_HOSTS = "pgha_rejoin_hosts";
    public static final String REJOIN_METHOD = "pgha_rejoin_method";

    /** How the rejoin ended; bootstrap is null where it did not run. */
    public record Outcome(Stage stage, int exitCode, String message, List<String> nodes, Method method, Recap recap,
                          Bootstrap.Outcome bootstrap) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public Rejoin(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /**
     * @param force  also rejoin a node that still runs as a primary (split brain): what was written on it since
     *               the fork is discarded (kept in the renamed data directory when it comes to a base backup)
     * @param followCluster when the inventory still names the old primary, rewrite its cluster_role lines to
     *               the cluster's roles first (each edit told; in check mode only told), instead of refusing
     * @param said   told what will be done, before anything is
     */
    public Outcome run(Path inventoryPath, RunOptions options, Method requested, boolean force, boolean followCluster,
                       RunListener listener, Consumer<String> said) {
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            StatusReport status = session.status();
            List<InventoryRoles.Edit> edits;
            try {
                edits = followCluster ? followTheCluster(session, status) : List.of();
            } catch (InputException e) {
                return refused("the inventory cannot follow the cluster: " + e.describe());
            } catch (IOException e) {
                return refused("the inventory cannot be read: " + e.getMessage());
            }
            if (edits.isEmpty()) return run(session, status, requested, force, said);
            edits.forEach(e -> said.accept((options.check() ? "inventory (check mode, not written): " : "inventory: ") + e));
            if (options.check()) {
                return new Outcome(Stage.CHECKED, ExitCodes.OK, null, List.of(), null, null, null);
            }
            try {
                InventoryRoles.apply(edits);
            } catch (IOException e) {
                return refused("the inventory could not be rewritten (" + e.getMessage() + "): set the cluster_role lines yourself");
            }
        }
        // the roles rewritten: the inventory is read again, and the rejoin runs on it
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            return run(session, session.status(), requested, force, said);
        }
    }

    /**
     * The cluster_role edits that make the inventory name the cluster's one primary; none when it does
     * already, or when the cluster has no single primary reachable (run then refuses and says why).
     */
    private static List<InventoryRoles.Edit> followTheCluster(ClusterSession session, StatusReport status) throws IOException {
        if (status.nodes().stream().anyMatch(n -> !n.reachable())) return List.of();
        String newPrimary = RejoinPlan.newPrimary(status);
        String inventoryPrimary = session.target().primary();
        if (newPrimary == null || newPrimary.equals(inventoryPrimary)) return List.of();
        return InventoryRoles.swap(session, inventoryPrimary, newPrimary);
    }

    private static Outcome run(ClusterSession session, StatusReport status, Method requested, boolean force, Consumer<String> said) {
        VerifyTarget target = session.target();
        List<String> nodes = new ArrayList<>();
        for (NodeState n : status.nodes()) {
            if (!n.reachable()) {
                return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, n.host() + " cannot be reached over SSH: "
                        + n.sshError(), List.of(), null, null, null);
            }
        }
        String newPrimary = RejoinPlan.newPrimary(status);
        if (newPrimary == null) return refused(RejoinPlan.noPrimary(status));
        if (!newPrimary.equals(target.primary())) {
            Map<String, String> origins = new LinkedHashMap<>();
            for (String h : List.of(newPrimary, target.primary())) origins.put(h, String.valueOf(session.origin(h, "cluster_role")));
            return refused(RejoinPlan.inventoryBehind(newPrimary, target.primary(), origins));
        }
        for (NodeState n : status.nodes()) {
            if (n.host().equals(newPrimary) || (RejoinPlan.streams(n) && n.marks().fenced() == null)) continue;
            if (n.isPrimary() && !force) return refused(RejoinPlan.runningPrimary(n.host(), newPrimary));
            nodes.add(n.host());
        }
        if (nodes.isEmpty()) {
            return new Outcome(Stage.NOTHING_TO_DO, ExitCodes.OK, "nothing to rejoin: every standby streams from "
                    + target.primary(), nodes, null, null, null);
        }
        boolean superuserPassword = !session.var(target.primary(), "pg_superuser_password").isEmpty();
        Method method = requested == Method.AUTO ? (superuserPassword ? Method.REWIND : Method.BASEBACKUP) : requested;
        if (method == Method.REWIND && !superuserPassword) {
            return refused("pg_rewind connects to " + target.primary() + " as the superuser, and the inventory gives no"
                    + " pg_superuser_password (_file or _env): give one and run pgha bootstrap first, or use --method basebackup");
        }
        said.accept("rejoining " + String.join(", ", nodes) + " as standby of " + target.primary() + " by "
                + (method == Method.REWIND ? "pg_rewind (a fresh base backup if it fails)" : "a fresh base backup"));

        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(REJOIN_HOSTS, nodes);
        vars.put(REJOIN_METHOD, method.name().toLowerCase(java.util.Locale.ROOT));
        Recap recap = session.play(PLAYBOOK, vars);
        if (recap.exitCode() != ExitCodes.OK) return new Outcome(Stage.ofFailed(recap), recap.exitCode(), null, nodes, method, recap, null);
        if (session.options().check()) return new Outcome(Stage.CHECKED, ExitCodes.OK, null, nodes, method, recap, null);

        // The bootstrap, on the same session, brings the rejoined nodes up as standbys and verifies.
        Bootstrap.Outcome b = Bootstrap.run(session, false);
        return new Outcome(b.stage(), b.exitCode(), null, nodes, method, recap, b);
    }

    private static Outcome refused(String why) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, List.of(), null, null, null);
    }
}
