package io.pgha.cli;

import io.pgha.ops.ClusterSession;
import io.pgha.ops.status.StatusReport;
import picocli.CommandLine.Command;

import java.io.PrintWriter;


/** pgha status -i INVENTORY: who is primary, who holds the VIP, lag, timelines, keepalived; read only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster as it is, changing nothing: each node's role (as PostgreSQL says, not as "
                + "the inventory says), timeline, WAL position and lag behind the primary, who holds the VIP, "
                + "whether keepalived runs; and what is wrong (split brain, VIP on a standby, a standby not streaming).",
                "Exit 0 healthy, 3 degraded, 4 a node unreachable, 2 bad inventory."})
public final class StatusCommand extends ClusterReadCommand {
    @Override
    int read(ClusterSession session, boolean json, PrintWriter out) {
        StatusReport report = session.status();
        StatusPrinter.print(report, json, out);
        return report.exitCode();
    }
}
