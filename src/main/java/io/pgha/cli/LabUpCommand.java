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
        description = {"Start the lab (reusing nodes that already run) and write its inventory, key pair, known_hosts and",
                "passwords under .lab/NAME/ (use it as -i .lab/NAME; -i .lab/NAME/source builds from source).",
                "Nodes keep running until `pgha lab down`."})
public final class LabUpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Show the image build output.")
    boolean verbose;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "1",
            description = "1 (db06, db07) or 2: db08 and db09 too, and the inventory .lab/NAME/two-clusters with both clusters.")
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
                out.printf("lab %s up in %s: %s; inventory -i %s (from source: -i %s)%n", config.name(),
                        LabSupport.seconds(Duration.ofNanos(System.nanoTime() - t0)), nodes, DisplayPaths.of(config.stateDir()),
                        DisplayPaths.of(config.sourceInventoryFile().getParent())
                                + (clusters == 2 ? "; both clusters: -i " + DisplayPaths.of(config.twoClusterInventoryFile().getParent()) : ""));
                out.flush();
                return s.healthy() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        });
    }
}
