package io.pgha.ops.render;

import io.pgha.core.SourceLocation;
import io.pgha.engine.MagicVars;
import io.pgha.engine.RunOptions;
import io.pgha.engine.VarLayers;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;

import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.VarsModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's variables as a playbook run sees them, for rendering and validation without touching
 * a host: defaults (lowest), the inventory's host variables (secret references already resolved by
 * the inventory: X_file / X_env define X), the
 * run's magic variables (hostvars, ansible_check_mode, ansible_diff_mode), extra vars (highest).
 * The engine's layers ({@link VarLayers}); facts are not available offline.
 */
public final class ClusterVars {
    private final Inventory inventory;
    private final Map<String, Object> defaults;
    private final Map<String, Object> extraVars;
    private final Map<String, Map<String, Object>> hostvars = new LinkedHashMap<>();

    public ClusterVars(Inventory inventory, Map<String, Object> defaults, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.defaults = defaults;
        this.extraVars = extraVars;
        for (Host h : inventory.hosts()) hostvars.put(h.name(), inventory.hostVars(h.name()));
    }

    public ClusterVars(Inventory inventory, Map<String, Object> defaults) { this(inventory, defaults, Map.of()); }

    /** The flattened variables of one host (higher layers replace lower ones). */
    public Map<String, Object> forHost(String host) {
        // the same run variables a playbook run has (hostvars, inventory_dir, ...), extra vars on top
        return VarLayers.offline(defaults, hostvars.get(host),
                MagicVars.withExtraVars(RunOptions.defaults().withExtraVars(extraVars), inventory)).flatten();
    }

    /** Where a host's variable was set: its inventory file:line, or the defaults file. */
    public SourceLocation origin(String host, String var, String defaultsSource) {
        if (extraVars.containsKey(var)) return SourceLocation.of("extra vars (-e " + var + ")");
        Map<String, SourceLocation> origins = inventory.hostVarOrigins(host);
        if (origins.containsKey(var)) return origins.get(var);
        for (String ref : new String[] {var + "_file", var + "_env"}) {
            if (origins.containsKey(ref)) return origins.get(ref);
        }
        if (defaults.containsKey(var)) return SourceLocation.of(defaultsSource);
        Host h = inventory.host(host);
        return h == null ? SourceLocation.of(String.valueOf(inventory.source())) : h.location();
    }

    /** The hosts that are nodes of a cluster: members of the group their pg_cluster_group names. */
    public List<String> clusterNodes() {
        return clusters().values().stream().flatMap(List::stream).toList();
    }

    /** Cluster group name -> its nodes (in inventory order), for the hosts whose pg_cluster_group names a group they are in. */
    public Map<String, List<String>> clusters() {
        Expressions expressions = new Expressions(Freemarker.configuration(List.of()));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) {
            Object group = VarsModel.of(forHost(h.name()), expressions).resolve("pg_cluster_group");
            if (group != null && inventory.groupMembers(String.valueOf(group)).contains(h)) {
                out.computeIfAbsent(String.valueOf(group), g -> new ArrayList<>()).add(h.name());
            }
        }
        return out;
    }

    public Inventory inventory() { return inventory; }
}
