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
import io.pgha.ops.switchover.Switchover;
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
 * differs; verify replication. With {@link PrimaryUpdate#SWITCHOVER}, the primary's restart is a switchover
 * to the standby restarted first, then push-settled.yml checks no setting waits for a restart.
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

    /** Run after a switchover stood in for the primary's restart: no setting waits for a restart anywhere. */
    public static final String SETTLED_PLAYBOOK = "push-settled.yml";
    /** The primary whose pending restart is left to the switchover that follows (a list: empty or one host). */
    public static final String PLAN_RESTART_BY_SWITCHOVER = "pgha_restart_by_switchover";

    /**
     * How the push ended; plan, recap and verification are null where it did not get that far.
     *
     * @param switchover the switchover that stood in for the primary's restart (null: none ran)
     */
    public record Outcome(Stage stage, int exitCode, String refusal, PushPlan plan, Recap recap, VerifyReport verification,
                          Switchover.Outcome switchover) {
        Outcome(Stage stage, int exitCode, String refusal, PushPlan plan, Recap recap, VerifyReport verification) {
            this(stage, exitCode, refusal, plan, recap, verification, null);
        }
    }

    private final Toolkit kit;
    private final ProjectLayout layout;

    public ConfigPush(Toolkit kit, ProjectLayout layout) {
        this.kit = kit;
        this.layout = layout;
    }

    /** @param planned told the plan before anything is changed */
    public Outcome run(Path inventoryPath, RunOptions options, RunListener listener, Consumer<PushPlan> planned) {
        return run(inventoryPath, options, PrimaryUpdate.RESTART, listener, planned, line -> {});
    }

    /**
     * @param primaryUpdate how a setting that needs the primary's restart is applied
     * @param planned       told the plan before anything is changed
     * @param progress      the switchover's steps, when one stands in for the primary's restart
     */
    public Outcome run(Path inventoryPath, RunOptions options, PrimaryUpdate primaryUpdate, RunListener listener,
                       Consumer<PushPlan> planned, Consumer<String> progress) {
        Outcome pushed = push(inventoryPath, options, primaryUpdate, listener, planned);
        if (pushed.plan() == null || pushed.plan().handOverFrom() == null || pushed.exitCode() != ExitCodes.OK
                || pushed.stage() == Stage.CHECKED) {
            return pushed;
        }
        // The standby runs the new settings now: it takes over, and the old primary restarts as its standby.
        Switchover.Outcome s = new Switchover(kit, layout).run(inventoryPath, null, options, listener, progress);
        if (s.exitCode() != ExitCodes.OK) {
            // the files are on the nodes by now: a switchover that refuses still leaves a push half done
            boolean refused = s.stage() == Stage.REFUSED;
            return new Outcome(refused ? Stage.PLAYBOOK_FAILED : s.stage(), refused ? ExitCodes.HOST_FAILED : s.exitCode(),
                    "the files are pushed and " + pushed.plan().handOverFrom() + " waits for its restart, but the switchover"
                            + " that was to apply it " + (refused ? "refused" : "stopped") + ": " + s.message()
                            + ". Once the cause is fixed, pgha switchover applies it",
                    pushed.plan(), s.recap(), s.verification(), s);
        }
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            Recap settled = session.play(SETTLED_PLAYBOOK, Map.of(PLAN_RESTART_BY_SWITCHOVER, List.of()));
            return new Outcome(settled.exitCode() == ExitCodes.OK ? Stage.VERIFIED : Stage.ofFailed(settled), settled.exitCode(),
                    null, pushed.plan(), settled, s.verification(), s);
        }
    }

    private Outcome push(Path inventoryPath, RunOptions options, PrimaryUpdate primaryUpdate, RunListener listener,
                         Consumer<PushPlan> planned) {
        try (ClusterSession session = ClusterSession.open(kit, layout, inventoryPath, options, listener)) {
            // -e applies to the readiness and verification checks as to the files (the port, the VIP, the role)
            Map<String, List<RenderedFile>> rendered = new ClusterRenderer(List.of(layout.templates()), session.defaults())
                    .render(session.inventory(), List.of(), options.extraVars());
            PushPlan plan;
            try {
                StatusReport status = session.status();
                // A health-check password new to the cluster: the rotation comes first, then the cluster is read with it.
                boolean rotating = status.onlyLoginsRefused();
                List<String> notAsSaid = status.notAsInventorySays("push-config");
                if (!rotating && !notAsSaid.isEmpty()) return refusedOrUnreachable(status, notAsSaid);
                if (rotating && options.check()) {
                    return refused(String.join("\n", notAsSaid) + "\ncheck mode cannot read the cluster"
                            + " with a password it does not know yet: without --check, push-config sets the new passwords first", null);
                }
                Recap passwords = session.play(PASSWORDS_PLAYBOOK, Map.of());
                if (passwords.exitCode() != ExitCodes.OK) {
                    return new Outcome(Stage.ofFailed(passwords), passwords.exitCode(), null, null, passwords, null);
                }
                if (rotating) {
                    status = session.statusAgain();
                    notAsSaid = status.notAsInventorySays("push-config");
                    if (!notAsSaid.isEmpty()) return refusedOrUnreachable(status, notAsSaid);
                }
                plan = masked(new PushPlanner(session.target()).plan(rendered, session.hosts()));
                String primary = session.target().primary();
                if (primaryUpdate == PrimaryUpdate.SWITCHOVER && plan.restartsInPlace(primary)) {
                    String why = RestartOrder.whyNotBySwitchover(plan);
                    if (why == null) why = Switchover.refusal(session, status);
                    if (why != null) return refused("a switchover cannot stand in for " + primary + "'s restart: " + why, plan);
                    plan = plan.viaSwitchover(primary);
                }
            } catch (PushPlanner.PlanException e) {
                return refused(e.getMessage(), null);
            }
            planned.accept(plan);

            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(PLAN_RESTART_FIRST, plan.restartFirst());
            vars.put(PLAN_RESTART_THEN, plan.restartThen());
            vars.put(PLAN_RESTART_SETTINGS, restartSettings(plan));
            vars.put(PLAN_RESTART_BY_SWITCHOVER, plan.handOverFrom() == null ? List.of() : List.of(plan.handOverFrom()));
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
        return new PushPlan(changes, plan.restartFirst(), plan.restartThen(), plan.handOverFrom());
    }

    private static Map<String, String> restartSettings(PushPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.changes().forEach((host, changes) -> {
            List<String> names = changes.stream().filter(SettingChange::needsRestart).map(SettingChange::name).toList();
            if (!names.isEmpty()) out.put(host, String.join(", ", names));
        });
        return out;
    }

    private static Outcome refusedOrUnreachable(StatusReport status, List<String> refusals) {
        if (status.exitCode() == ExitCodes.UNREACHABLE) {
            return new Outcome(Stage.UNREACHABLE, ExitCodes.UNREACHABLE, String.join("\n", refusals), null, null, null);
        }
        return refused(String.join("\n", refusals), null);
    }

    private static Outcome refused(String why, PushPlan plan) {
        return new Outcome(Stage.REFUSED, ExitCodes.BAD_INPUT, why, plan, null, null);
    }
}
