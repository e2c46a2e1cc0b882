package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;
import io.pgha.core.YamlNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Loads an Ansible-style YAML inventory: a file, or a directory holding hosts.yml (or hosts.yaml),
 * with group_vars/ and host_vars/ next to it. Everything the user wrote is checked here and reported
 * as an InputException naming file:line and the field.
 */
public final class YamlInventoryLoader {
    private final Secrets secrets;
    private final Function<String, String> env;

    public YamlInventoryLoader(Secrets secrets) {
        this(secrets, System::getenv);
    }

    /** With a different environment (tests). */
    public YamlInventoryLoader(Secrets secrets, Function<String, String> env) {
        this.secrets = Objects.requireNonNull(secrets);
        this.env = Objects.requireNonNull(env);
    }

    public Inventory load(Path path) {
        Path file = inventoryFile(path);
        Path dir = file.toAbsolutePath().getParent();
        InventoryVarRules rules = new InventoryVarRules();
        InventoryModel model = new InventoryModel(path, dir);
        new InventoryFileParser(YamlNodes.read(file), model, rules).parse();
        addUngrouped(model);
        checkNamesAndCycles(model);

        VarsDirectory vars = new VarsDirectory(rules);
        vars.load(dir.resolve("group_vars"), "group", model.groups.keySet())
                .forEach((g, v) -> model.groups.get(g).fileVars.putAll(v));
        model.hostFileVars.putAll(vars.load(dir.resolve("host_vars"), "host", model.hosts.keySet()));
        return new LoadedInventory(model, new SecretReferences(env, dir, secrets));
    }

    private static Path inventoryFile(Path path) {
        if (Files.isDirectory(path)) {
            for (String name : List.of("hosts.yml", "hosts.yaml")) {
                if (Files.isRegularFile(path.resolve(name))) return path.resolve(name);
            }
            throw new InputException(SourceLocation.of(path.toString()), "inventory",
                    "no hosts.yml or hosts.yaml in this directory");
        }
        if (!Files.exists(path)) {
            throw new InputException(SourceLocation.of(path.toString()), "inventory", "inventory file not found");
        }
        return path;
    }

    /** Hosts written only under all: belong to 'ungrouped', as in Ansible. */
    private static void addUngrouped(InventoryModel model) {
        Set<String> grouped = new LinkedHashSet<>();
        model.groups.values().stream().filter(g -> !g.name.equals(InventoryFileParser.ALL))
                .forEach(g -> grouped.addAll(g.hosts));
        List<String> ungrouped = new ArrayList<>();
        for (String h : model.hosts.keySet()) if (!grouped.contains(h)) ungrouped.add(h);
        if (ungrouped.isEmpty() && !model.groups.containsKey(InventoryFileParser.UNGROUPED)) return;
        GroupDef all = model.groups.get(InventoryFileParser.ALL);
        GroupDef g = model.groups.computeIfAbsent(InventoryFileParser.UNGROUPED, n -> new GroupDef(n, all.location));
        for (String h : ungrouped) if (!g.hosts.contains(h)) g.hosts.add(h);
        if (!all.children.contains(g.name)) all.children.add(g.name);
    }

    private static void checkNamesAndCycles(InventoryModel model) {
        for (GroupDef g : model.groups.values()) {
            Host clash = model.hosts.get(g.name);
            if (clash != null) {
                throw new InputException(clash.location(), g.name, "'" + g.name + "' is both a host and a group (group at "
                        + g.location + "): rename one, patterns could not tell them apart");
            }
        }
        depth(model, model.groups.get(InventoryFileParser.ALL), 0, new ArrayList<>());
    }

    /** Depth below all (the deepest path wins, as in Ansible), refusing groups that contain themselves. */
    private static void depth(InventoryModel model, GroupDef g, int depth, List<String> path) {
        if (path.contains(g.name)) {
            throw new InputException(g.location, g.name, "group '" + g.name + "' contains itself: "
                    + String.join(" -> ", path.subList(path.indexOf(g.name), path.size())) + " -> " + g.name);
        }
        g.depth = Math.max(g.depth, depth);
        path.add(g.name);
        for (String c : g.children) depth(model, model.groups.get(c), depth + 1, path);
        path.remove(path.size() - 1);
    }

}
