package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.push.ConfigPush;
import io.pgha.ops.push.ConfigPush.Outcome;
import io.pgha.ops.push.PrimaryUpdate;
import io.pgha.output.Style;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha push-config -i INVENTORY: day 2, the rendered configuration pushed, reloaded or restarted as needed. */
@Command(name = "push-config", mixinStandardHelpOptions = true,
        description = {"Push the configuration again after an inventory or template change: re-render every file, "
                + "upload only those that differ (--diff shows them, --check changes nothing), reload PostgreSQL, "
                + "and restart it only where a changed setting needs it (pg_settings.context), standbys first; "
                + "keepalived reloaded. Then verify replication.",
                "Refused (exit 2, nothing changed) unless every node is reachable, running, and in the role the "
                + "inventory gives it. Exit 0 pushed and verified, 3 a task or a check failed, 4 unreachable.",
                "--primary-update switchover: a setting that needs the primary's restart is applied by a switchover"
                + " instead (the standby restarts first, takes over, and the old primary restarts as its standby): writes"
                + " pause about a second, not for a restart; the roles end swapped and the inventory's cluster_role lines"
                + " say so. Refused, changing nothing, where a switchover would be (the standby lags, maintenance) and when"
                + " a hot-standby minimum such as max_connections goes down."})
public final class PushConfigCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--primary-update", paramLabel = "METHOD", defaultValue = "restart",
            converter = PrimaryUpdateConverter.class,
            description = "How a setting that needs the primary's restart is applied: restart (in place, the default)"
                    + " or switchover.")
    PrimaryUpdate primaryUpdate;

    /** restart | switchover, lower case as typed. */
    static final class PrimaryUpdateConverter implements CommandLine.ITypeConverter<PrimaryUpdate> {
        @Override
        public PrimaryUpdate convert(String value) {
            for (PrimaryUpdate p : PrimaryUpdate.values()) {
                if (p.name().equalsIgnoreCase(value)) return p;
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a method: restart or switchover");
        }
    }

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            RunOptions run = options.toRunOptions();
            Map<String, List<String>> clusters = ClusterInventory.load(kit, layout, options.inventory, run.extraVars())
                    .clustersIn(run.limit());
            if (clusters.size() == 1) return push(kit, layout, run);
            // Several clusters: one after the other, so a push that fails stops before the next cluster is touched.
            for (String cluster : clusters.keySet()) {
                if (!options.json) System.out.println(Style.forConsole().bold("CLUSTER " + cluster) + "  " + String.join(", ", clusters.get(cluster)));
                int exit = push(kit, layout, run.withLimit(ClusterInventory.limitTo(run.limit(), cluster)));
                if (exit != ExitCodes.OK) {
                    System.err.println("push-config stopped at cluster " + cluster + ": the clusters after it were not touched.");
                    return exit;
                }
            }
            return ExitCodes.OK;
        }
    }

    private int push(Toolkit kit, ProjectLayout layout, RunOptions run) {
        Outcome o = new ConfigPush(kit, layout).run(options.inventory, run, primaryUpdate,
                Listeners.of(options, System.out), plan -> PushReports.printPlan(plan, options.json, System.out),
                SwitchoverCommand.progress(options.json));
        PushReports.printOutcome(o, options.json, System.out, System.err);
        return o.exitCode();
    }
}
