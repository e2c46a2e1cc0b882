package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.rejoin.Rejoin;
import io.pgha.ops.rejoin.Rejoin.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha rejoin -i INVENTORY: after a failover, the old primary back as a standby of the new one. */
@Command(name = "rejoin", mixinStandardHelpOptions = true,
        description = {"After a failover, make the old primary (every node the inventory calls a standby that does not "
                + "stream) a standby of the new primary: stop it, pg_rewind it from the new primary (or rename its data "
                + "directory aside for a fresh base backup when rewind cannot work), then bootstrap it as a standby, "
                + "render every node's files for its new role and verify replication.",
                "The inventory must name the new primary: set cluster_role to what the cluster is now (pgha status), "
                + "or give --follow-cluster and rejoin rewrites those lines itself (comments and layout kept; "
                + "with --check it only shows them). Otherwise it refuses (exit 2), naming the lines to change."})
public final class RejoinCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
            description = "auto (default: pg_rewind when the inventory gives the superuser a password, else a base backup), "
                    + "rewind, or basebackup.")
    String method;

    @Option(names = "--force", description = "Also rejoin a node that still runs as a primary (split brain); what was "
            + "written on it since the fork is discarded.")
    boolean force;

    @Option(names = "--follow-cluster", description = "When the inventory still names the old primary, rewrite its "
            + "cluster_role lines to the cluster's roles (each edit printed) before rejoining, instead of refusing.")
    boolean followCluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Rejoin.Method m;
        try {
            m = Rejoin.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--method: auto, rewind or basebackup, not '" + method + "'");
        }
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            Outcome o = new Rejoin(kit, layout).run(options.inventory, options.toRunOptions(), m, force, followCluster,
                    Listeners.of(options, System.out), line -> System.out.println(options.json ? Json.write(said(line)) : line));
            print(o);
            return o.exitCode();
        }
    }

    private void print(Outcome o) {
        if (o.bootstrap() != null) {
            Reports.printOutcome(o.bootstrap(), options.json, System.out, System.err);
            return;
        }
        if (options.json) {
            Map<String, Object> e = Reports.outcome(o.stage().name(), o.exitCode(), null);
            if (o.message() != null) e.put("message", o.message());
            System.out.println(Json.write(e));
            return;
        }
        switch (o.stage()) {
            case NOTHING_TO_DO -> System.out.println(o.message());
            case CHECKED -> System.out.println("check mode: nothing was changed; the bootstrap that follows a rejoin did not run.");
            case PLAYBOOK_FAILED -> System.err.println("rejoin stopped on a failed task (see above): fix the cause and run it again.");
            default -> System.err.println("rejoin " + (o.exitCode() == 2 ? "refused, nothing was changed" : "stopped") + ": " + o.message());
        }
    }

    private static Map<String, Object> said(String line) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "rejoin");
        e.put("message", line);
        return e;
    }
}
