package io.pgha.ops.bootstrap;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Inventory;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.verify.ClusterVerification;
import io.pgha.ops.verify.VerifyReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-shot cluster bootstrap: validate the inventory (exit 2 before any host is contacted),
 * run the read-only preflight (a refused node: exit 2 before any node is changed), run the
 * bootstrap playbook, then verify replication and the VIP over JDBC through SSH port forwards.
 */
public final class Bootstrap {
    public static final String PREFLIGHT = "bootstrap-preflight.yml";
    public static final String PLAYBOOK = "bootstrap.yml";

    /** What stopped the bootstrap, or that it went through; verification is null when it did not run. */
    public record Outcome(Stage stage, int exitCode, Recap recap, VerifyReport verification) {}

    public enum Stage { PREFLIGHT_REFUSED, UNREACHABLE, PLAYBOOK_FAILED, CHECKED, VERIFIED, VERIFICATION_FAILED }

    private final Toolkit kit;
    private final ProjectLayout layout;

    public Bootstrap(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    public Outcome run(Path inventoryPath, RunOptions options, boolean forceReinit, RunListener listener) {
        ClusterInventory cluster = ClusterInventory.load(kit, layout, inventoryPath, options.extraVars());
        Inventory inventory = cluster.inventory();
        Map<String, Object> defaults = cluster.defaults();

        Map<String, Object> extra = new LinkedHashMap<>(options.extraVars());
        extra.put("force_reinit", forceReinit);
        RunOptions run = options.withDefaultVars(defaults).withExtraVars(extra);

        Recap preflight = kit.run(kit.loadPlaybook(layout.playbook(PREFLIGHT)), inventory, run, listener);
        if (preflight.exitCode() == ExitCodes.UNREACHABLE) return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, preflight, null);
        if (preflight.exitCode() != ExitCodes.OK) return new Outcome(Stage.PREFLIGHT_REFUSED, ExitCodes.BAD_INPUT, preflight, null);

        Recap recap = kit.run(kit.loadPlaybook(layout.playbook(PLAYBOOK)), inventory, run, listener);
        if (recap.exitCode() != ExitCodes.OK) {
            Stage stage = recap.exitCode() == ExitCodes.UNREACHABLE ? Stage.UNREACHABLE : Stage.PLAYBOOK_FAILED;
            return new Outcome(stage, recap.exitCode(), recap, null);
        }
        if (options.check()) return new Outcome(Stage.CHECKED, ExitCodes.OK, recap, null);

        VerifyReport report = new ClusterVerification(kit, layout).verify(inventory, defaults, options.acceptNewHostKeys());
        return report.passed() ? new Outcome(Stage.VERIFIED, ExitCodes.OK, recap, report)
                : new Outcome(Stage.VERIFICATION_FAILED, ExitCodes.HOST_FAILED, recap, report);
    }
}
