package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.ops.ClusterInventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.verify.ClusterVerification;
import io.pgha.ops.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** pgha verify -i INVENTORY: the checks bootstrap ends with, alone, changing nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a running cluster without changing it: VIP on the primary only, the primary not in "
                + "recovery, the standby streaming (both ends), a row written through the VIP read back on the "
                + "standby, WAL archiving working.",
                "Exit 0 verified, 3 a check failed, 4 a node unreachable, 2 bad inventory."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ClusterReadOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = new Toolkit(layout.home())) {
            ClusterInventory c = ClusterInventory.load(kit, layout, options.inventory);
            VerifyReport report = new ClusterVerification(kit, layout).verify(c.inventory(), c.defaults(), options.acceptNewHostKeys);
            Reports.printReport(report, options.json, spec.commandLine().getOut());
            if (report.passed()) return ExitCodes.OK;
            return ClusterVerification.unreachable(report) ? ExitCodes.UNREACHABLE : ExitCodes.HOST_FAILED;
        }
    }
}
