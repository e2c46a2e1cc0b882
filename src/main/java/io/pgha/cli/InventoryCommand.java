package io.pgha.cli;

import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.Toolkit;
import io.pgha.core.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** pgha inventory -i INVENTORY --list | --host H: the resolved inventory, secrets masked. */
@Command(name = "inventory", description = "Show the resolved inventory (variables after precedence, secrets masked).",
        mixinStandardHelpOptions = true)
public final class InventoryCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY")
    Path inventory;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--origins", description = "With --host: each variable with the file:line that set it, instead of JSON.")
    boolean origins;

    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--list", description = "Every group and host with its variables, as JSON.")
        boolean list;
        @Option(names = "--host", paramLabel = "HOST", description = "One host's variables, as JSON.")
        String host;
    }

    @Override
    public Integer call() {
        try (Toolkit kit = SshToolkit.at(Path.of("").toAbsolutePath())) {
            Inventory inv = kit.loadInventory(inventory);
            Secrets secrets = kit.secrets();
            if (mode.host != null) {
                if (inv.host(mode.host) == null) {
                    spec.commandLine().getErr().println("error: no host '" + mode.host + "' in " + inv.source()
                            + " (its hosts: " + String.join(", ", inv.hosts().stream().map(Host::name).toList()) + ")");
                    return io.pgha.core.ExitCodes.BAD_INPUT;
                }
                Map<String, Object> vars = visible(inv.hostVars(mode.host));
                String text = origins ? withOrigins(vars, inv.hostVarOrigins(mode.host)) : Json.writeIndented(vars);
                spec.commandLine().getOut().println(secrets.mask(text));
                return 0;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Object> groups = new TreeMap<>();
            for (String g : inv.groupNames()) groups.put(g, inv.groupMembers(g).stream().map(Host::name).toList());
            out.put("groups", groups);
            Map<String, Object> hostvars = new LinkedHashMap<>();
            for (Host h : inv.hosts()) hostvars.put(h.name(), visible(inv.hostVars(h.name())));
            out.put("hostvars", hostvars);
            spec.commandLine().getOut().println(secrets.mask(Json.writeIndented(out)));
            return 0;
        }
    }

    /** Variables with secret-looking names masked whatever their value, magic 'groups' left out. */
    private static Map<String, Object> visible(Map<String, Object> vars) {
        Map<String, Object> out = new TreeMap<>();
        vars.forEach((k, v) -> {
            if (k.equals("groups")) return;
            out.put(k, Secrets.isSecretName(k) && v != null ? Secrets.MASK : v);
        });
        return out;
    }

    /** "name = value  (file:line)" per variable, aligned; magic variables say so. */
    private static String withOrigins(Map<String, Object> vars, Map<String, SourceLocation> where) {
        int width = vars.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        vars.forEach((k, v) -> {
            SourceLocation at = where.get(k);
            sb.append(String.format("%-" + width + "s = %s  (%s)%n", k, Json.writeReadable(v), at == null ? "magic" : DisplayPaths.of(at.toString())));
        });
        return sb.toString().stripTrailing();
    }
}
