package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.status.StatusReport;
import io.pgha.output.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;


/** pgha status -i INVENTORY: who is primary, who holds the VIP, lag, timelines, keepalived; read only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster as it is, changing nothing: each node's role (as PostgreSQL says, not as "
                + "the inventory says), timeline, WAL position and lag behind the primary, who holds the VIP, "
                + "whether keepalived runs; and what is wrong (split brain, VIP on a standby, a standby not streaming).",
                "Exit 0 healthy, 3 degraded, 4 a node unreachable, 2 bad inventory (with --watch: the last report's)."})
public final class StatusCommand extends ClusterReadCommand {
    @Option(names = "--watch", arity = "0..1", fallbackValue = "2", paramLabel = "SECONDS",
            description = "Read the cluster again every SECONDS (default 2) until Ctrl-C: redrawn in place on a terminal,"
                    + " one report after the other otherwise (with --json: one line each).")
    Integer watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N reports.")
    Integer count;

    @Override
    int read(ClusterSession session, boolean json, PrintWriter out) {
        if (watch == null) {
            if (count != null) return refuse("--count needs --watch");
            if (session.clusters().size() == 1) {
                StatusReport report = session.status();
                StatusPrinter.print(report, json, out);
                return report.exitCode();
            }
            // several clusters: read at once, shown one after the other; the exit code is the worst one's
            int exit = ExitCodes.OK;
            for (Map.Entry<String, StatusReport> e : session.statusOfEach().entrySet()) {
                StatusPrinter.print(e.getKey(), e.getValue(), json, out);
                exit = Math.max(exit, e.getValue().exitCode());
            }
            return exit;
        }
        if (session.clusters().size() > 1) {
            return refuse("--watch follows one cluster and this inventory holds " + session.clusters().size() + " ("
                    + session.name() + "): choose it with --limit NAME");
        }
        if (watch < 1) return refuse("--watch takes a whole number of seconds, at least 1; got " + watch);
        if (count != null && count < 1) return refuse("--count must be at least 1; got " + count);
        return new StatusWatch(session, watch, count, json, Style.forConsole()).run(out);
    }

    private int refuse(String why) {
        spec.commandLine().getErr().println("pgha status: " + why);
        return ExitCodes.BAD_INPUT;
    }
}
