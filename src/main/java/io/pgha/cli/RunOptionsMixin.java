package io.pgha.cli;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.engine.RunOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options shared by every verb that runs tasks on hosts. */
public final class RunOptionsMixin {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY",
            description = "Inventory file or folder (Ansible YAML shape, with group_vars/ and host_vars/ beside it).")
    Path inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Only these hosts/groups (db06, 'all:!db07').")
    String limit;

    @Option(names = {"-C", "--check"}, description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show file changes as unified diffs (secrets masked).")
    boolean diff;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAG", description = "Only tasks with these tags.")
    List<String> tags = List.of();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAG", description = "Skip tasks with these tags.")
    List<String> skipTags = List.of();

    @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "Hosts worked on at once (default: all).")
    int forks;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "KEY=VALUE", description = "Variables with the highest precedence.")
    Map<String, String> extraVars = new LinkedHashMap<>();

    @Option(names = "--accept-new-host-keys", description = "Add unknown host keys to known_hosts (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--json", description = "One JSON event per line instead of the console view.")
    boolean json;

    @Option(names = "-v", description = "Verbose: -v shows commands, -vv their output.")
    boolean[] verbose = new boolean[0];

    int verbosity() { return verbose.length; }

    /** A secret on the command line is in every user's process list and in shell history. */
    private static void refuseSecret(String name) {
        if (!Secrets.isSecretName(name)) return;
        throw new InputException(SourceLocation.of("-e " + name), name, "secrets are not given on the command line (ps shows it to"
                + " every user, and it stays in shell history): put it in a file of its own, mode 0600 (e.g. secrets/" + name
                + " beside the inventory), and set " + name + "_file: secrets/" + name + " in the inventory's group_vars, or "
                + name + "_env: VARIABLE to read it from the environment");
    }

    RunOptions toRunOptions() {
        extraVars.keySet().forEach(RunOptionsMixin::refuseSecret);
        Set<String> t = new LinkedHashSet<>(tags);
        Set<String> s = new LinkedHashSet<>(skipTags);
        return new RunOptions(forks, limit, t, s, check, diff, new LinkedHashMap<>(extraVars), Map.of(), acceptNewHostKeys);
    }
}
