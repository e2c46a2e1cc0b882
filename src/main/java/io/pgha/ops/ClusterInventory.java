package io.pgha.ops;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;
import io.pgha.ops.render.ClusterValidator;
import io.pgha.ops.render.ClusterVars;
import io.pgha.ops.render.DefaultVars;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An inventory read and validated as a cluster (exit 2 on bad input, before any host is contacted),
 * with the playbooks' default variables: what every cluster operation starts from. One inventory may
 * hold several clusters (a group each, named by its nodes' pg_cluster_group).
 */
public record ClusterInventory(Inventory inventory, Map<String, Object> defaults, Map<String, List<String>> clusters) {
    /** Validated with the run's extra vars (-e) on top: they reach the nodes' files too. */
    public static ClusterInventory load(Toolkit kit, ProjectLayout layout, Path path, Map<String, Object> extraVars) {
        Inventory inventory = kit.loadInventory(path);
        Map<String, Object> defaults = DefaultVars.load(layout.defaults());
        new ClusterValidator().validate(inventory, defaults, extraVars);
        return new ClusterInventory(inventory, defaults, new ClusterVars(inventory, defaults, extraVars).clusters());
    }

    /**
     * The clusters a --limit touches (a cluster is in when the pattern selects any of its nodes; null or
     * blank: all), in inventory order. A pattern that selects no cluster's node is refused (exit 2).
     */
    public Map<String, List<String>> clustersIn(String limit) {
        if (limit == null || limit.isBlank()) return clusters;
        Set<String> selected = new LinkedHashSet<>();
        for (Host h : inventory.select(limit, new SourceLocation("--limit", 0, 0))) selected.add(h.name());
        Map<String, List<String>> out = new LinkedHashMap<>();
        clusters.forEach((name, nodes) -> {
            if (nodes.stream().anyMatch(selected::contains)) out.put(name, nodes);
        });
        if (out.isEmpty()) {
            throw new InputException(new SourceLocation("--limit", 0, 0), "limit", "'" + limit + "' selects no node of a cluster"
                    + " in " + inventory.source() + " (clusters: " + describe(clusters) + ")");
        }
        return out;
    }

    /** The same inventory with only these clusters' nodes; the whole one when that is every cluster it holds. */
    public ClusterInventory only(Map<String, List<String>> some) {
        if (some.keySet().equals(clusters.keySet())) return this;
        Set<String> hosts = new LinkedHashSet<>();
        some.values().forEach(hosts::addAll);
        return new ClusterInventory(inventory.only(hosts), defaults, new LinkedHashMap<>(some));
    }

    /** The --limit that keeps one cluster of several, within what the user's own limit (null: none) selects. */
    public static String limitTo(String userLimit, String cluster) {
        return userLimit == null || userLimit.isBlank() ? cluster : userLimit + ":&" + cluster;
    }

    /** "pair1 (db06, db07), pair2 (db08, db09)". */
    public static String describe(Map<String, List<String>> clusters) {
        StringBuilder b = new StringBuilder();
        clusters.forEach((name, nodes) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(" (")
                .append(String.join(", ", nodes)).append(")"));
        return b.toString();
    }
}
