package io.pgha.cli;

import io.pgha.core.InputException;
import io.pgha.core.Json;
import io.pgha.core.SourceLocation;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.drill.FailoverDrill;
import io.pgha.ops.drill.FailoverDrill.Outcome;
import io.pgha.ops.drill.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha failover-drill -i INVENTORY: fail the primary on purpose, measure the outage and the writes lost. */
@Command(name = "failover-drill", mixinStandardHelpOptions = true,
        description = {"Fail a node on purpose while clients write through the VIP and to the primary's own address, "
                + "bring it back as a careless operator or a reboot would, and measure: the timeline (detection, VIP "
                + "moved, promotion, writes back), the seconds with two writable primaries (each node probed directly), "
                + "and the acknowledged writes the primary behind the VIP at the end does not have.",
                "Refused (exit 2, nothing done) unless the cluster is healthy and as the inventory says. "
                + "Exit 0 no split brain and writes acknowledged at the end, 3 a split brain, writes not back, or the "
                + "fault failed, 4 unreachable."})
public final class FailoverDrillCommand implements Callable<Integer> {
    @Mixin
    ClusterReadOptions options;

    @Option(names = "--fault", paramLabel = "FAULT", defaultValue = "stop-postgresql",
            description = "stop-postgresql (the article's drill, default), kill-postgresql, stop-keepalived, host-down, "
                    + "isolate, partition (the nodes cut off from each other, clients reach both), standby-down.")
    String fault;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "The longest fault phase: until writes through the VIP come back (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--after", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long the node is watched once brought back (default ${DEFAULT-VALUE}).")
    int afterSeconds;

    @Option(names = "--allow-host-down", description = "On real hosts, host-down and standby-down crash-reboot the node.")
    boolean allowHostDown;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the drill as one self-contained HTML page: the figures, and a timeline with a lane per"
                    + " node (role, VIP) and the client's writes in 100 ms steps.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fault f;
        try {
            f = Fault.of(fault);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--fault: " + e.getMessage());
        }
        if (timeoutSeconds < 10) throw new ParameterException(spec.commandLine(), "--timeout: at least 10 seconds");
        if (afterSeconds < 0) throw new ParameterException(spec.commandLine(), "--after: 0 seconds or more");
        Path reportDir = report == null ? null : report.toAbsolutePath().getParent();
        if (reportDir != null && !Files.isWritable(reportDir)) {
            // refused before the drill: a report that cannot be written must not cost a failover
            throw new ParameterException(spec.commandLine(), "--report: cannot write in " + reportDir + " (no such folder, or not writable)");
        }
        PrintWriter out = spec.commandLine().getOut();
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home()); LabNodeControl lab = new LabNodeControl()) {
            FailoverDrill.Options drill = new FailoverDrill.Options(f, Duration.ofSeconds(timeoutSeconds),
                    Duration.ofSeconds(afterSeconds), options.acceptNewHostKeys, allowHostDown, lab, options.limit);
            Outcome o = new FailoverDrill(kit, layout).run(options.inventory, drill, options.commands(System.err), line -> {
                        out.println(options.json ? Json.write(step(line)) : "  " + line);
                        out.flush();
                    });
            DrillPrinter.print(o, options.json, out, spec.commandLine().getErr());
            if (report != null) writeReport(o, out);
            return o.exitCode();
        }
    }

    private void writeReport(Outcome o, PrintWriter out) {
        if (o.report() == null) {
            spec.commandLine().getErr().println("no report written: the drill did not run (" + o.stage().name().toLowerCase() + ")");
            return;
        }
        try {
            Files.writeString(report, DrillHtml.render(o));
        } catch (IOException e) {
            throw new InputException(SourceLocation.of("--report"), "--report", "cannot write " + report + ": " + e.getMessage());
        }
        if (!options.json) out.println("report: " + report.toAbsolutePath());
    }

    private static Map<String, Object> step(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "drill_step");
        e.put("message", message);
        return e;
    }
}
