package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.lab.Lab;
import io.pgha.lab.LabListener;
import io.pgha.lab.LabStatus;
import io.pgha.lab.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `pgha lab status`: per node, Docker state, address, sshd, systemd. Exit 0 only when the lab is healthy. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each lab node: container state, address, whether sshd answers, systemd's state."
                + " Exit code 0 when both nodes are up and healthy, 1 otherwise.")
public final class LabStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return LabSupport.run(spec.commandLine().getErr(), "status", config -> {
            try (Lab lab = LabSupport.open(config, LabListener.SILENT)) {
                LabStatus s = lab.status();
                out.printf("lab %s, network %s: %s%n", s.name(), s.subnet(), s.networkExists() ? "present" : "missing");
                out.printf("%-6s %-20s %-9s %-16s %-5s %s%n", "node", "container", "state", "address", "sshd", "systemd");
                for (NodeStatus n : s.nodes()) {
                    out.printf("%-6s %-20s %-9s %-16s %-5s %s%n", n.name(), n.container(), n.state(), n.address(),
                            n.sshd() ? "yes" : "no", n.systemd());
                }
                out.println(s.healthy() ? "healthy" : s.absent() ? "not running: pgha lab up" : "NOT healthy: pgha lab up repairs it");
                out.flush();
                return s.healthy() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        });
    }
}
