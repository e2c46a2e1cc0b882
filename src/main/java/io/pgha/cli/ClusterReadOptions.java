package io.pgha.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the verbs that only read a running cluster (verify, status). */
public final class ClusterReadOptions {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file or folder (hosts.yml with group_vars/ and host_vars/).")
    Path inventory;

    @Option(names = "--accept-new-host-keys", description = "Add unknown host keys to known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--json", description = "One JSON line instead of the console view.")
    boolean json;
}
