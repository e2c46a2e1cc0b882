package io.pgha.cli;

import io.pgha.ops.ClusterInventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.status.ClusterStatus;
import io.pgha.ops.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** pgha status -i INVENTORY: who is primary, who holds the VIP, lag, timelines, keepalived; read only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster as it is, changing nothing: each node's role (as PostgreSQL says, not as "
                + "the inventory says), timeline, WAL position and lag behind the primary, who holds the VIP, "
                + "whether keepalived runs; and what is wrong (split brain, VIP on a standby, a standby not streaming).",
                "Exit 0 healthy, 3 degraded, 4 a node unreachable, 2 bad inventory."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClusterReadOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = new Toolkit(layout.home())) {
            ClusterInventory c = ClusterInventory.load(kit, layout, options.inventory);
            StatusReport report = new ClusterStatus(kit, layout).read(c.inventory(), c.defaults(), options.acceptNewHostKeys);
            StatusPrinter.print(report, options.json, spec.commandLine().getOut());
            return report.exitCode();
        }
    }
}
