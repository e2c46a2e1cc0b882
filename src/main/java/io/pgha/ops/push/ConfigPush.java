package io.pgha.ops.push;

import io.pgha.core.ExitCodes;
import io.pgha.engine.Recap;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.inventory.Inventory;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.NodeSessions;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.render.ClusterRenderer;
import io.pgha.ops.render.RenderedFile;
import io.pgha.ops.status.ClusterStatus;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.ClusterVerification;
import io.pgha.ops.verify.VerifyReport;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The day-2 config push: validate the inventory (exit 2, nothing contacted); read the cluster and
 * refuse (exit 2, nothing changed) unless every node is reachable and plays the role the inventory
 * gives it (pushing a standby's files onto a promoted node would break it); plan each node's
 * PostgreSQL changes (reload or restart, and the order); run push-config.yml, which uploads only what
 * differs; verify replication.
 */
public final class ConfigPush {
    public static final String PLAYBOOK = "push-config.yml";

    public enum Stage { REFUSED, UNREACHABLE, PLAYBOOK_FAILED, CHECKED, VERIFIED, VERIFICATION_FAILED }

    /** How the push ended; plan, recap and verification are null where it did not get that far. */
    public record Outcome(Stage stage, int exitCode, String refusal, PushPlan plan, Recap recap, VerifyReport verification) {}

    private final Toolkit kit;
    private final ProjectLayout layout;

    public ConfigPush(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /** @param planned told the plan before anything is changed */
    public Outcome run(Path inventoryPath, RunOptions options, RunListener listener, Consumer<PushPlan> planned) {
        ClusterInventory cluster = ClusterInventory.load(kit, layout, inventoryPath, options.extraVars());
        Inventory inventory = cluster.inventory();
        Map<String, Object> defaults = cluster.defaults();
        // -e applies to the readiness and verification checks as to the files (the port, the VIP, the role)
        VerifyTarget target = VerifyTargets.from(inventory, defaults, options.extraVars(), kit.expressions(layout.playbooks()));
        kit.secrets().register(target.password());
        Map<String, List<RenderedFile>> rendered = new ClusterRenderer(List.of(layout.templates()), defaults)
                .render(inventory, List.of(), options.extraVars());

        PushPlan plan;
        try (NodeSessions sessions = NodeSessions.open(kit, inventory, options.acceptNewHostKeys())) {
            StatusReport status = ClusterStatus.read(inventory, target, sessions, System.nanoTime());
            List<String> refusals = status.notAsInventorySays("push-config");
            if (status.exitCode() == ExitCodes.UNREACHABLE) {
                return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, String.join("\n", refusals), null, null, null);
            }
            if (!refusals.isEmpty()) return refused(String.join("\n", refusals), null);
            plan = masked(new PushPlanner(target).plan(rendered, sessions));
        } catch (PushPlanner.PlanException e) {
            return refused(e.getMessage(), null);
        }
        planned.accept(plan);

        Map<String, Object> extra = new LinkedHashMap<>(options.extraVars());
        extra.put("pgha_restart_first", plan.restartFirst());
        extra.put("pgha_restart_then", plan.restartThen());
        extra.put("pgha_restart_settings", restartSettings(plan));
        RunOptions run = options.withDefaultVars(defaults).withExtraVars(extra);
        Recap recap = kit.run(kit.loadPlaybook(layout.playbook(PLAYBOOK)), inventory, run, listener);
        if (recap.exitCode() != ExitCodes.OK) {
            Stage stage = recap.exitCode() == ExitCodes.UNREACHABLE ? Stage.UNREACHABLE : Stage.PLAYBOOK_FAILED;
            return new Outcome(stage, recap.exitCode(), null, plan, recap, null);
        }
        if (options.check()) return new Outcome(Stage.CHECKED, ExitCodes.OK, null, plan, recap, null);
        VerifyReport report = new ClusterVerification(kit, layout).verify(inventory, defaults, options.extraVars(), options.acceptNewHostKeys());
        return report.passed() ? new Outcome(Stage.VERIFIED, ExitCodes.OK, null, plan, recap, report)
                : new Outcome(Stage.VERIFICATION_FAILED, ExitCodes.HOST_FAILED, null, plan, recap, report);
    }

    /** The plan as it is shown: a secret that found its way into a setting's value is masked there too. */
    private PushPlan masked(PushPlan plan) {
        Map<String, List<SettingChange>> changes = new LinkedHashMap<>();
        plan.changes().forEach((host, list) -> changes.put(host, list.stream().map(c -> new SettingChange(c.name(),
                c.before() == null ? null : kit.secrets().mask(c.before()),
                c.after() == null ? null : kit.secrets().mask(c.after()), c.context())).toList()));
        return new PushPlan(changes, plan.restartFirst(), plan.restartThen());
    }

    private static Map<String, String> restartSettings(PushPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.changes().forEach((host, changes) -> {
            List<String> names = changes.stream().filter(SettingChange::needsRestart).map(SettingChange::name).toList();
            if (!names.isEmpty()) out.put(host, String.join(", ", names));
        });
        return out;
    }

    private static Outcome refused(String why, PushPlan plan) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, plan, null, null);
    }
}
