package io.pgha.ops.rejoin;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.NodeSessions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.render.ClusterVars;
import io.pgha.ops.status.ClusterStatus;
import io.pgha.ops.status.NodeState;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;
import io.pgha.template.Expressions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rejoining after a failover: the inventory names the new primary (pgha status tells which; rejoin
 * refuses otherwise, naming the lines to change); every node the inventory calls a standby that does
 * not stream (the old primary, stopped or still running), or was fenced (its data may have diverged), is stopped, rewound from the new primary with
 * pg_rewind (or, when rewind cannot work, its data directory renamed aside for a fresh base backup),
 * and the bootstrap then brings it up as a standby, renders every node's files for its new role and
 * verifies replication.
 */
public final class Rejoin {
    public static final String PLAYBOOK = "rejoin.yml";

    public enum Method { AUTO, REWIND, BASEBACKUP }

    public enum Stage { NOTHING_TO_DO, REFUSED, UNREACHABLE, PLAYBOOK_FAILED, CHECKED, VERIFIED, VERIFICATION_FAILED }

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
     * @param said   told what will be done, before anything is
     */
    public Outcome run(Path inventoryPath, RunOptions options, Method requested, boolean force, RunListener listener,
                       Consumer<String> said) {
        ClusterInventory cluster = ClusterInventory.load(kit, layout, inventoryPath);
        Expressions expressions = kit.expressions(layout.playbooks());
        VerifyTarget target = VerifyTargets.from(cluster.inventory(), cluster.defaults(), expressions);
        kit.secrets().register(target.password());

        List<String> nodes = new ArrayList<>();
        try (NodeSessions sessions = NodeSessions.open(kit, cluster.inventory(), options.acceptNewHostKeys())) {
            StatusReport status = ClusterStatus.read(cluster.inventory(), target, sessions, System.nanoTime());
            for (NodeState n : status.nodes()) {
                if (!n.reachable()) {
                    return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, n.host() + " cannot be reached over SSH: "
                            + n.sshError(), List.of(), null, null, null);
                }
            }
            String newPrimary = RejoinPlan.newPrimary(status);
            if (newPrimary == null) return refused(RejoinPlan.noPrimary(status));
            if (!newPrimary.equals(target.primary())) {
                return refused(RejoinPlan.inventoryBehind(newPrimary, target.primary(), origins(cluster, newPrimary, target.primary())));
            }
            for (NodeState n : status.nodes()) {
                if (n.host().equals(newPrimary) || (RejoinPlan.streams(n) && n.marks().fenced() == null)) continue;
                if ("primary".equals(n.role()) && !force) return refused(RejoinPlan.runningPrimary(n.host(), newPrimary));
                nodes.add(n.host());
            }
        }
        if (nodes.isEmpty()) {
            return new Outcome(Stage.NOTHING_TO_DO, ExitCodes.OK, "nothing to rejoin: every standby streams from "
                    + target.primary(), nodes, null, null, null);
        }
        boolean superuserPassword = !VerifyTargets.hostValue(cluster.inventory(), cluster.defaults(), expressions,
                target.primary(), "pg_superuser_password").isEmpty();
        Method method = requested == Method.AUTO ? (superuserPassword ? Method.REWIND : Method.BASEBACKUP) : requested;
        if (method == Method.REWIND && !superuserPassword) {
            return refused("pg_rewind connects to " + target.primary() + " as the superuser, and the inventory gives no"
                    + " pg_superuser_password (_file or _env): give one and run pgha bootstrap first, or use --method basebackup");
        }
        said.accept("rejoining " + String.join(", ", nodes) + " as standby of " + target.primary() + " by "
                + (method == Method.REWIND ? "pg_rewind (a fresh base backup if it fails)" : "a fresh base backup"));

        Map<String, Object> extra = new LinkedHashMap<>(options.extraVars());
        extra.put("pgha_rejoin_hosts", nodes);
        extra.put("pgha_rejoin_method", method.name().toLowerCase());
        RunOptions run = options.withDefaultVars(cluster.defaults()).withExtraVars(extra);
        Recap recap = kit.run(kit.loadPlaybook(layout.playbook(PLAYBOOK)), cluster.inventory(), run, listener);
        if (recap.exitCode() != ExitCodes.OK) {
            Stage stage = recap.exitCode() == ExitCodes.UNREACHABLE ? Stage.UNREACHABLE : Stage.PLAYBOOK_FAILED;
            return new Outcome(stage, recap.exitCode(), null, nodes, method, recap, null);
        }
        if (options.check()) return new Outcome(Stage.CHECKED, ExitCodes.OK, null, nodes, method, recap, null);

        Bootstrap.Outcome b = new Bootstrap(kit, layout).run(inventoryPath, options, false, listener);
        Stage stage = switch (b.stage()) {
            case VERIFIED -> Stage.VERIFIED;
            case VERIFICATION_FAILED -> Stage.VERIFICATION_FAILED;
            case UNREACHABLE -> Stage.UNREACHABLE;
            case PREFLIGHT_REFUSED -> Stage.REFUSED;
            default -> Stage.PLAYBOOK_FAILED;
        };
        return new Outcome(stage, b.exitCode(), null, nodes, method, recap, b);
    }

    private static Map<String, String> origins(ClusterInventory cluster, String... hosts) {
        ClusterVars vars = new ClusterVars(cluster.inventory(), cluster.defaults());
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : hosts) out.put(h, String.valueOf(vars.origin(h, "cluster_role", "playbooks/vars/defaults.yml")));
        return out;
    }

    private static Outcome refused(String why) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, List.of(), null, null, null);
    }
}
