package io.pgha.ops;

import io.pgha.core.ExitCodes;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation on one cluster, the skeleton every verb shares: the inventory loaded and validated
 * with the run's -e (exit 2 before any host is contacted), what to verify (its password registered as
 * a secret), each host's variables as a playbook sees them, and the steps: read the cluster, run a
 * playbook, verify. Every step reaches the hosts through the same connections, opened on first need.
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
    private final VerifyTarget target;
    private final long startedAt = System.nanoTime();
    private ClusterHosts hosts;

    private ClusterSession(Toolkit kit, ProjectLayout layout, ClusterInventory cluster, RunOptions options, RunListener listener) {
        this.kit = kit;
        this.layout = layout;
        this.cluster = cluster;
        this.options = options.withDefaultVars(cluster.defaults());
        this.listener = listener;
        this.vars = new ClusterVars(cluster.inventory(), cluster.defaults(), options.extraVars());
        this.expressions = kit.expressions(layout.playbooks());
        this.target = VerifyTargets.from(vars, expressions);
        kit.secrets().register(target.password());
    }

    /** @param listener told the playbooks' events and each command of the operation's own reads (-v) */
    public static ClusterSession open(Toolkit kit, ProjectLayout layout, Path inventoryPath, RunOptions options,
                                      RunListener listener) {
        return new ClusterSession(kit, layout, ClusterInventory.load(kit, layout, inventoryPath, options.extraVars()),
                options, listener);
    }

    public Inventory inventory() { return cluster.inventory(); }
    public Map<String, Object> defaults() { return cluster.defaults(); }
    /** The run's options, the playbooks' defaults under them. */
    public RunOptions options() { return options; }
    public VerifyTarget target() { return target; }
    public Toolkit kit() { return kit; }

    /** One variable of one host, rendered as a playbook would see it (pg_service_name on db06, say), -e on top. */
    public String var(String host, String name) { return VerifyTargets.hostValue(vars, expressions, host, name); }

    /** Where a host's variable was set: its inventory file:line, -e, or the defaults file. */
    public SourceLocation origin(String host, String name) { return vars.origin(host, name, DEFAULTS_FILE); }

    /** The hosts, every one connected to at once on first use. */
    public synchronized ClusterHosts hosts() {
        if (hosts == null) {
            hosts = new ClusterHosts(kit.connector(), inventory(), options.acceptNewHostKeys(), kit.secrets(), listener).reachAll();
        }
        return hosts;
    }

    /** The cluster as it is, read from every node at once (the report's time counted from the session's start). */
    public StatusReport status() { return ClusterStatus.read(inventory(), target, hosts(), startedAt); }

    /** The cluster read again on the session's connections, timed from now (pgha status --watch). */
    public StatusReport statusAgain() { return ClusterStatus.read(inventory(), target, hosts(), System.nanoTime()); }

    /** The cluster as it is, on new connections (after a node was cut off, its old one may be wedged). */
    public StatusReport statusAfresh() {
        hosts().reconnect();
        return ClusterStatus.read(inventory(), target, hosts(), System.nanoTime());
    }

    /** Runs one of the project's playbooks with the run's options and these variables on top of -e. */
    public Recap play(String playbook, Map<String, Object> moreVars) {
        Map<String, Object> extra = new LinkedHashMap<>(options.extraVars());
        extra.putAll(moreVars);
        return kit.run(kit.loadPlaybook(layout.playbook(playbook)), inventory(), options.withExtraVars(extra), listener, hosts());
    }

    /** The checks bootstrap ends with, on the session's connections. */
    public VerifyReport verify() { return ClusterVerification.verify(inventory(), target, hosts()); }

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
        if (hosts != null) hosts.close();
    }
}
