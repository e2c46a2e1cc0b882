package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `pgha lab witness [--remove]`: the optional third host holding the cluster's lease (docs/fencing.md). */
@Command(name = "witness", mixinStandardHelpOptions = true,
        description = {"Add the lab's witness: a third node running PostgreSQL for the cluster's lease, so the standby can take over"
                + " when the primary's host dies or is cut off. the lab's inventory (.lab/NAME) then uses it (pgha_lab_witness in hosts.yml);"
                + " run pgha bootstrap again to start the lease keepers.",
                "With --remove: remove it (the cluster then runs without; bootstrap again to stop the keepers)."})
public final class LabWitnessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--remove", description = "Remove the witness instead.")
    boolean remove;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return LabSupport.run(spec.commandLine().getErr(), "witness", config -> {
            try (Lab lab = LabSupport.open(config, LabSupport.printer(out, false))) {
                if (remove) lab.witnessDown();
                else lab.witnessUp();
                return ExitCodes.OK;
            }
        });
    }
}
