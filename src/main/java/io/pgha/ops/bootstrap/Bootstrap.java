package io.pgha.ops.bootstrap;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Stage;
import io.pgha.ops.Toolkit;
import io.pgha.ops.verify.VerifyReport;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one-shot cluster bootstrap: validate the inventory (exit 2 before any host is contacted),
 * run the read-only preflight (a refused node: exit 2 before any node is changed), run the
 * bootstrap playbook, then verify replication and the VIP over JDBC through SSH port forwards.
 */
public final class Bootstrap {
    public static final String PREFLIGHT = "bootstrap-preflight.yml";
    public static final String PLAYBOOK = "bootstrap.yml";
    /** What the preflight reads: move a data directory that is not this cluster's aside instead of refusing. */
    public static final String FORCE_REINIT = "force_reinit";

    /** What stopped the bootstrap, or that it went through; verification is null when it did not run. */
    public record Outcome(Stage stage, int exitCode, Recap recap, VerifyReport verification) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public Bootstrap(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    public Outcome run(Path inventoryPath, RunOptions options, boolean forceReinit, RunListener listener) {
        // every cluster of the inventory at once: one playbook run on all their nodes, each cluster verified on its own
        try (ClusterSession session = ClusterSession.openAll(kit, layout, inventoryPath, options, listener)) {
            return run(session, forceReinit);
        }
    }

    /** On a session an operation already holds (rejoin ends with it). */
    public static Outcome run(ClusterSession session, boolean forceReinit) {
        Map<String, Object> vars = Map.of(FORCE_REINIT, forceReinit);
        Recap preflight = session.play(PREFLIGHT, vars);
        if (preflight.exitCode() == ExitCodes.UNREACHABLE) return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, preflight, null);
        if (preflight.exitCode() != ExitCodes.OK) return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, preflight, null);
        ClusterSession.Played p = session.playAndVerify(PLAYBOOK, vars);
        return new Outcome(p.stage(), p.exitCode(), p.recap(), p.verification());
    }
}
