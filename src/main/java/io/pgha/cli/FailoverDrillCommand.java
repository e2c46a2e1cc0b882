package io.pgha.cli;

import io.pgha.core.Json;
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

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha failover-drill -i INVENTORY: fail the primary on purpose, measure the outage and the writes lost. */
@Command(name = "failover-drill", mixinStandardHelpOptions = true,
        description = {"Fail the primary on purpose while a client writes through the VIP, and measure how long until "
                + "the VIP answers writes again on the promoted standby, and how many acknowledged writes the new "
                + "primary does not have. The cluster is left failed over: rejoin the old primary afterwards.",
                "Refused (exit 2, nothing done) unless the cluster is healthy and as the inventory says. "
                + "Exit 0 writes came back, 3 they did not within --timeout (or the fault failed), 4 unreachable."})
public final class FailoverDrillCommand implements Callable<Integer> {
    @Mixin
    ClusterReadOptions options;

    @Option(names = "--fault", paramLabel = "FAULT", defaultValue = "stop-postgresql",
            description = "stop-postgresql (the article's drill, default) or stop-keepalived (PostgreSQL left running: "
                    + "the promotion guard must refuse, so writes do not come back).")
    String fault;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for writes through the VIP to come back (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

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
        PrintWriter out = spec.commandLine().getOut();
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = new Toolkit(layout.home())) {
            Outcome o = new FailoverDrill(kit, layout).run(options.inventory, f, Duration.ofSeconds(timeoutSeconds),
                    options.acceptNewHostKeys, line -> {
                        out.println(options.json ? Json.write(step(line)) : "  " + line);
                        out.flush();
                    });
            DrillPrinter.print(o, options.json, out, spec.commandLine().getErr());
            return o.exitCode();
        }
    }

    private static Map<String, Object> step(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "drill_step");
        e.put("message", message);
        return e;
    }
}
