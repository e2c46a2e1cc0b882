package io.pgha.ops.push;

import io.pgha.core.ExitCodes;
import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.engine.Recap;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Stage;
import io.pgha.ops.Toolkit;
import io.pgha.ops.render.ClusterRenderer;
import io.pgha.ops.render.RenderedFile;
import io.pgha.ops.status.StatusReport;
import io.pgha.ops.verify.VerifyReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The day-2 config push: validate the inventory (exit 2, nothing contacted); read the cluster and
 * refuse (exit 2, nothing changed) unless every node is reachable and plays the role the inventory
 * gives it (pushing a standby's files onto a promoted node would break it); plan each node's
 * PostgreSQL changes (reload or restart, and the order); a secret changed in the inventory is rotated
 * first (push-passwords.yml: the health-check role's new password refused at the first read is read again
 * afterwards); run push-config.yml, which uploads only what
 * differs; verify replication.
 */
public final class ConfigPush {
    public static final String PLAYBOOK = "push-config.yml";
    /** Run first: a rotated secret is set on the cluster before push-config reads it with the inventory's passwords. */
    public static final String PASSWORDS_PLAYBOOK = "push-passwords.yml";

    /** The plan as push-config.yml reads it: hosts restarted first (the standbys), then the rest. */
    public static final String PLAN_RESTART_FIRST = "pgha_restart_first";
    public static final String PLAN_RESTART_THEN = "pgha_restart_then";
    /** Per host, the settings that need its restart (told in the task that restarts it). */
    public static final String PLAN_RESTART_SETTINGS = "pgha_restart_settings";

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
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            // -e applies to the readiness and verification checks as to the files (the port, the VIP, the role)
            Map<String, List<RenderedFile>> rendered = new ClusterRenderer(List.of(layout.templates()), session.defaults())
                    .render(session.inventory(), List.of(), options.extraVars());
            PushPlan plan;
            try {
                StatusReport status = session.status();
                // A health-check password new to the cluster: the rotation comes first, then the cluster is read with it.
                boolean rotating = status.onlyLoginsRefused();
                if (!rotating && !status.notAsInventorySays("push-config").isEmpty()) {
                    return refusedOrUnreachable(status);
                }
                if (rotating && options.check()) {
                    return refused(String.join("\n", status.notAsInventorySays("push-config")) + "\ncheck mode cannot read the cluster"
                            + " with a password it does not know yet: without --check, push-config sets the new passwords first", null);
                }
                Recap passwords = session.play(PASSWORDS_PLAYBOOK, Map.of());
                if (passwords.exitCode() != ExitCodes.OK) {
                    return new Outcome(Stage.ofFailed(passwords), passwords.exitCode(), null, null, passwords, null);
                }
                if (rotating) status = session.statusAgain();
                if (!status.notAsInventorySays("push-config").isEmpty()) return refusedOrUnreachable(status);
                plan = masked(new PushPlanner(session.target()).plan(rendered, session.hosts()));
            } catch (PushPlanner.PlanException e) {
                return refused(e.getMessage(), null);
            }
            planned.accept(plan);

            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(PLAN_RESTART_FIRST, plan.restartFirst());
            vars.put(PLAN_RESTART_THEN, plan.restartThen());
            vars.put(PLAN_RESTART_SETTINGS, restartSettings(plan));
            ClusterSession.Played p = session.playAndVerify(PLAYBOOK, vars);
            return new Outcome(p.stage(), p.exitCode(), null, plan, p.recap(), p.verification());
        }
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

    private static Outcome refusedOrUnreachable(StatusReport status) {
        List<String> refusals = status.notAsInventorySays("push-config");
        if (status.exitCode() == ExitCodes.UNREACHABLE) {
            return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, String.join("\n", refusals), null, null, null);
        }
        return refused(String.join("\n", refusals), null);
    }

    private static Outcome refused(String why, PushPlan plan) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, plan, null, null);
    }
}
