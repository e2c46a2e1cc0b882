package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.lab.Lab;
import io.pgha.lab.LabConfig;
import io.pgha.lab.LabStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** `pgha lab up`: build the node image if needed, start db06 and db07, write the lab's inventory. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the lab (reusing nodes that already run) and write inventories/lab/hosts.yml,",
                ".lab/id_ed25519 and .lab/known_hosts. Nodes keep running until `pgha lab down`."})
public final class LabUpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Show the image build output.")
    boolean verbose;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "1",
            description = "1 (db06, db07) or 2: db08 and db09 too, and inventories/lab-two-clusters/hosts.yml with both clusters.")
    int clusters;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (clusters < 1 || clusters > 2) {
            spec.commandLine().getErr().println("pgha lab up: --clusters is 1 or 2, not " + clusters);
            return ExitCodes.BAD_INPUT;
        }
        return LabSupport.run(spec.commandLine().getErr(), "up", environment -> {
            LabConfig config = environment.withClusters(clusters);
            long t0 = System.nanoTime();
            try (Lab lab = LabSupport.open(config, LabSupport.printer(out, verbose))) {
                LabStatus s = lab.up();
                StringBuilder nodes = new StringBuilder();
                s.nodes().forEach(n -> nodes.append(nodes.length() == 0 ? "" : ", ").append(n.name()).append(' ').append(n.address()));
                out.printf("lab %s up in %s: %s; inventory %s%n", config.name(),
                        LabSupport.seconds(Duration.ofNanos(System.nanoTime() - t0)), nodes, DisplayPaths.of(config.inventoryFile())
                                + (clusters == 2 ? " and " + DisplayPaths.of(config.twoClusterInventoryFile()) : ""));
                out.flush();
                return s.healthy() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        });
    }
}
