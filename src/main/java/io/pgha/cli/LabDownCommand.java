package io.pgha.cli;

import io.pgha.core.ExitCodes;
import io.pgha.lab.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `pgha lab down`: remove the nodes and the network; keep the image and the key pair. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove the lab's nodes and network (everything on them is lost). The image and .lab/ keys stay.")
public final class LabDownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return LabSupport.run(spec.commandLine().getErr(), "down", config -> {
            try (Lab lab = LabSupport.open(config, LabSupport.printer(out, false))) {
                lab.down();
                return ExitCodes.OK;
            }
        });
    }
}
