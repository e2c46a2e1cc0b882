package io.pgha.ops;

import io.pgha.core.ExitCodes;
import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.engine.ClusterHosts;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Inventory;
import io.pgha.ops.render.ClusterVars;
import io.pgha.ops.status.ClusterStatus;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.ClusterVerification;
import io.pgha.ops.verify.VerifyReport;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;
import io.pgha.template.Expressions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One operation on one cluster, the skeleton every verb shares: the inventory loaded and validated
 * with the run's -e (exit 2 before any host is contacted), what to verify (its password registered as
 * a secret), each host's variables as a playbook sees them, and the steps: read the cluster, run a
 * playbook, verify. Every step reaches the hosts through the same connections, opened on first need.
 * <p>
 * An inventory may hold several clusters; --limit chooses among them (a cluster is in when the limit
 * selects any of its nodes). {@link #open} is for the verbs that work on one cluster and refuses more;
 * {@link #openAll} (bootstrap, status, verify) plays on every cluster's nodes at once and reads and
 * verifies each cluster on its own ({@link #clusters()}), all on the same connections.
 */
public final class ClusterSession implements AutoCloseable {
    private static final String DEFAULTS_FILE = "playbooks/vars/defaults.yml";

    /** A playbook run and, when it went through outside check mode, the verification after it. */
    public record Played(Stage stage, int exitCode, Recap recap, VerifyReport verification) {}

    private final Toolkit kit;
    private final ProjectLayout layout;
    private final ClusterInventory cluster;
    private final RunOptions options;
    private final RunListener listener;
    private final ClusterVars vars;
    private final Expressions expressions;
    /** Null when the session spans several clusters (each of {@link #clusters()} has its own). */
    private final VerifyTarget target;
    private final long startedAt = System.nanoTime();
    /** The session this one is a cluster of, whose connections it uses; null for a session of its own. */
    private final ClusterSession whole;
    private final List<ClusterSession> parts = new ArrayList<>();
    private ClusterHosts hosts;

    private ClusterSession(Toolkit kit, ProjectLayout layout, ClusterInventory cluster, RunOptions options, RunListener listener,
                           ClusterSession whole) {
        this.kit = kit;
        this.layout = layout;
        this.cluster = cluster;
        this.options = options.withDefaultVars(cluster.defaults());
        this.listener = listener;
        this.whole = whole;
        this.vars = new ClusterVars(cluster.inventory(), cluster.defaults(), options.extraVars());
        this.expressions = kit.expressions(layout.playbooks());
        if (cluster.clusters().size() > 1) {
            this.target = null;
            cluster.clusters().forEach((name, nodes) -> parts.add(new ClusterSession(kit, layout,
                    cluster.only(Map.of(name, nodes)), options, listener, this)));
        } else {
            this.target = VerifyTargets.from(vars, expressions);
            kit.secrets().register(target.password());
        }
    }

    /**
     * A session on one cluster: the inventory's only one, or the one --limit chooses; an inventory with
     * more and no choice is refused (exit 2), naming them.
     *
     * @param listener told the playbooks' events and each command of the operation's own reads (-v)
     */
    public static ClusterSession open(Toolkit kit, ProjectLayout layout, Path inventoryPath, RunOptions options,
                                      RunListener listener) {
        ClusterInventory all = ClusterInventory.load(kit, layout, inventoryPath, options.extraVars());
        Map<String, List<String>> chosen = all.clustersIn(options.limit());
        if (chosen.size() > 1) {
            throw new InputException(SourceLocation.of(String.valueOf(all.inventory().source())), "pg_cluster_group",
                    "this inventory holds " + chosen.size() + " clusters: " + ClusterInventory.describe(chosen)
                            + "; this command works on one: choose it with --limit NAME (a cluster's group or one of its nodes)");
        }
        return new ClusterSession(kit, layout, all.only(chosen), options, listener, null);
    }

    /** A session on every cluster the inventory holds, or those --limit chooses. */
    public static ClusterSession openAll(Toolkit kit, ProjectLayout layout, Path inventoryPath, RunOptions options,
                                         RunListener listener) {
        ClusterInventory all = ClusterInventory.load(kit, layout, inventoryPath, options.extraVars());
        return new ClusterSession(kit, layout, all.only(all.clustersIn(options.limit())), options, listener, null);
    }

    /** Each cluster of the session as a session of its own on the same connections; this one alone when it is one cluster. */
    public List<ClusterSession> clusters() { return parts.isEmpty() ? List.of(this) : List.copyOf(parts); }

    /** The cluster's group (pg_cluster_group); for a session of several, their names joined by ", ". */
    public String name() { return String.join(", ", cluster.clusters().keySet()); }

    public Inventory inventory() { return cluster.inventory(); }
    public Map<String, Object> defaults() { return cluster.defaults(); }
    /** The run's options, the playbooks' defaults under them. */
    public RunOptions options() { return options; }
    public VerifyTarget target() {
        if (target == null) throw new IllegalStateException("a session of several clusters has no one target: use clusters()");
        return target;
    }
    public Toolkit kit() { return kit; }

    /** One variable of one host, rendered as a playbook would see it (pg_service_name on db06, say), -e on top. */
    public String var(String host, String name) { return VerifyTargets.hostValue(vars, expressions, host, name); }

    /** Where a host's variable was set: its inventory file:line, -e, or the defaults file. */
    public SourceLocation origin(String host, String name) { return vars.origin(host, name, DEFAULTS_FILE); }

    /** The hosts, every one connected to at once on first use. */
    public synchronized ClusterHosts hosts() {
        if (whole != null) return whole.hosts();
        if (hosts == null) {
            hosts = new ClusterHosts(kit.connector(), inventory(), options.acceptNewHostKeys(), kit.secrets(), listener).reachAll();
        }
        return hosts;
    }

    /** The cluster as it is, read from every node at once (the report's time counted from the session's start). */
    public StatusReport status() { return ClusterStatus.read(inventory(), target(), hosts(), startedAt); }

    /** The cluster read again on the session's connections, timed from now (pgha status --watch). */
    public StatusReport statusAgain() { return ClusterStatus.read(inventory(), target(), hosts(), System.nanoTime()); }

    /** The cluster as it is, on new connections (after a node was cut off, its old one may be wedged). */
    public StatusReport statusAfresh() {
        hosts().reconnect();
        return ClusterStatus.read(inventory(), target(), hosts(), System.nanoTime());
    }

    /** Each cluster read at once, by name (one entry for a session of one cluster). */
    public Map<String, StatusReport> statusOfEach() {
        hosts();
        return eachAtOnce(ClusterSession::status);
    }

    /** Runs one of the project's playbooks with the run's options and these variables on top of -e. */
    public Recap play(String playbook, Map<String, Object> moreVars) {
        Map<String, Object> extra = new LinkedHashMap<>(options.extraVars());
        extra.putAll(moreVars);
        return kit.run(kit.loadPlaybook(layout.playbook(playbook)), inventory(), options.withExtraVars(extra), listener, hosts());
    }

    /** The checks bootstrap ends with, on the session's connections. */
    public VerifyReport verify() {
        if (target != null) return ClusterVerification.verify(inventory(), target, hosts());
        hosts();
        long t0 = System.nanoTime();
        return VerifyReport.ofClusters(eachAtOnce(ClusterSession::verify), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The work on every cluster of the session at once (their nodes are different hosts), results by cluster name. */
    private <T> Map<String, T> eachAtOnce(Function<ClusterSession, T> work) {
        // a thread per cluster: the common pool has a single worker on a two-core machine
        ExecutorService pool = Executors.newFixedThreadPool(clusters().size());
        try {
            Map<String, CompletableFuture<T>> pending = new LinkedHashMap<>();
            for (ClusterSession c : clusters()) pending.put(c.name(), CompletableFuture.supplyAsync(() -> work.apply(c), pool));
            Map<String, T> out = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<T>> e : pending.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().join());
                } catch (CompletionException x) {
                    if (x.getCause() instanceof RuntimeException r) throw r;
                    throw x;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The end every changing operation shares: the playbook, then (outside check mode) verification. */
    public Played playAndVerify(String playbook, Map<String, Object> moreVars) {
        Recap recap = play(playbook, moreVars);
        if (recap.exitCode() != ExitCodes.OK) return new Played(Stage.ofFailed(recap), recap.exitCode(), recap, null);
        if (options.check()) return new Played(Stage.CHECKED, ExitCodes.OK, recap, null);
        VerifyReport report = verify();
        return report.passed() ? new Played(Stage.VERIFIED, ExitCodes.OK, recap, report)
                : new Played(Stage.VERIFICATION_FAILED, ClusterVerification.unreachable(report) ? ExitCodes.UNREACHABLE
                : ExitCodes.HOST_FAILED, recap, report);
    }

    @Override
    public synchronized void close() {
        if (hosts != null && whole == null) hosts.close();
    }
}
