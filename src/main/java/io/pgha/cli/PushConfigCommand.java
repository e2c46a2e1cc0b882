package io.pgha.cli;

import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.push.ConfigPush;
import io.pgha.ops.push.ConfigPush.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** pgha push-config -i INVENTORY: day 2, the rendered configuration pushed, reloaded or restarted as needed. */
@Command(name = "push-config", mixinStandardHelpOptions = true,
        description = {"Push the configuration again after an inventory or template change: re-render every file, "
                + "upload only those that differ (--diff shows them, --check changes nothing), reload PostgreSQL, "
                + "and restart it only where a changed setting needs it (pg_settings.context), standbys first; "
                + "keepalived reloaded. Then verify replication.",
                "Refused (exit 2, nothing changed) unless every node is reachable, running, and in the role the "
                + "inventory gives it. Exit 0 pushed and verified, 3 a task or a check failed, 4 unreachable."})
public final class PushConfigCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = new Toolkit(layout.home())) {
            Outcome o = new ConfigPush(kit, layout).run(options.inventory, options.toRunOptions(),
                    Listeners.of(options, System.out), plan -> PushReports.printPlan(plan, options.json, System.out));
            PushReports.printOutcome(o, options.json, System.out, System.err);
            return o.exitCode();
        }
    }
}
