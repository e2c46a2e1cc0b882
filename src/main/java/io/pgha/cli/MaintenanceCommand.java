package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.maintenance.Maintenance;
import io.pgha.ops.maintenance.Maintenance.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha maintenance on|off -i INVENTORY [--reason TEXT]: planned work without automatic failover. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Maintenance mode on every node: while on, no automatic failover (the health check logs failures"
                + " without reporting them to keepalived, so the VIP and the roles stay; the promotion guard refuses);"
                + " pgha status shows it, failover-drill and switchover refuse. off restores the normal checks.",
                "Exit 0 done, 2 bad input, 3 a node failed, 4 a node unreachable."})
public final class MaintenanceCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off")
    String state;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown by pgha status (printable, one line).")
    String reason;

    @Override
    public Integer call() {
        if (!state.equals("on") && !state.equals("off")) {
            System.err.println("error: maintenance on or off, not '" + state + "'");
            return 2;
        }
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            Outcome o = new Maintenance(kit, layout).run(options.inventory, state.equals("on"), reason, options.toRunOptions(),
                    Listeners.of(options, System.out));
            if (options.json) {
                Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), null);
                e.put("maintenance", state);
                if (o.message() != null) e.put("message", o.message());
                System.out.println(Json.write(e));
            } else if (o.status() != null) {
                PrintWriter w = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
                StatusPrinter.print(o.status(), false, w);
                w.flush();
            } else if (o.message() != null) {
                System.err.println("maintenance " + state + ": " + o.message());
            }
            return o.exitCode();
        }
    }
}
