package io.pgha.cli;

import picocli.CommandLine.Option;

import io.pgha.engine.RunListener;
import io.pgha.engine.RunOptions;
import io.pgha.ops.ClusterSession;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.output.ConsoleOutput;
import io.pgha.output.Style;

import java.io.PrintStream;
import java.nio.file.Path;

/** Options of the verbs that read a running cluster rather than run a playbook (verify, status, the drill). */
public final class ClusterReadOptions {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file or folder (hosts.yml with group_vars/ and host_vars/).")
    Path inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN",
            description = "In an inventory of several clusters: only these (a cluster's group, or one of its nodes).")
    String limit;

    @Option(names = "--accept-new-host-keys", description = "Add unknown host keys to known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--json", description = "One JSON line instead of the console view.")
    boolean json;

    @Option(names = "-v", description = "Verbose: -v shows the commands run on the nodes (on stderr), -vv their output.")
    boolean[] verbose = new boolean[0];

    RunOptions toRunOptions() {
        return RunOptions.defaults().withAcceptNewHostKeys(acceptNewHostKeys).withLimit(limit);
    }

    /** The commands run on the nodes, on stderr (stdout keeps the report, or its one JSON line). */
    RunListener commands(PrintStream err) {
        return verbose.length == 0 ? new RunListener() {} : new ConsoleOutput(err, Style.forConsole(), verbose.length);
    }

    /** The session of every cluster chosen (status, verify): the inventory loaded and validated, commands shown with -v. */
    ClusterSession session(Toolkit kit, ProjectLayout layout) {
        return ClusterSession.openAll(kit, layout, inventory, toRunOptions(), commands(System.err));
    }
}
