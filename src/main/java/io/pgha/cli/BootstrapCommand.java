package io.pgha.cli;

import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.bootstrap.Bootstrap;
import io.pgha.ops.bootstrap.Bootstrap.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** pgha bootstrap -i INVENTORY: bare hosts to verified streaming replication behind the VIP. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Bootstrap the cluster: OS preparation, PostgreSQL and keepalived installs, primary, standby "
                + "by pg_basebackup, VIP; then verify replication over JDBC through SSH.",
                "Idempotent: on a healthy cluster it changes nothing and verifies again."})
public final class BootstrapCommand implements Callable<Integer> {
    @Mixin
    RunOptionsMixin options;

    @Option(names = "--force-reinit", description = "Rename aside (never delete) a data directory bootstrap would otherwise refuse.")
    boolean forceReinit;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            Outcome outcome = new Bootstrap(kit, layout).run(options.inventory, options.toRunOptions(), forceReinit,
                    Listeners.of(options, System.out));
            Reports.printOutcome(outcome, options.json, System.out, System.err);
            return outcome.exitCode();
        }
    }
}
