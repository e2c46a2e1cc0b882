package io.pgha.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `pgha lab up|down|status`: the local two-node Docker lab. Only parses and prints; io.pgha.lab does the work. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "A local two-node lab (db06, db07: systemd, sshd, sudo) in Docker, to try pgha on.",
        subcommands = {LabUpCommand.class, LabDownCommand.class, LabStatusCommand.class, LabWitnessCommand.class})
public final class LabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing verb: up, down or status");
    }
}
