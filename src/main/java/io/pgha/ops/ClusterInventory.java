package io.pgha.ops;

import io.pgha.inventory.Inventory;
import io.pgha.ops.render.ClusterValidator;
import io.pgha.ops.render.DefaultVars;

import java.nio.file.Path;
import java.util.Map;

/**
 * An inventory read and validated as a cluster (exit 2 on bad input, before any host is contacted),
 * with the playbooks' default variables: what every cluster operation starts from.
 */
public record ClusterInventory(Inventory inventory, Map<String, Object> defaults) {
    /** Validated with the run's extra vars (-e) on top: they reach the nodes' files too. */
    public static ClusterInventory load(Toolkit kit, ProjectLayout layout, Path path, Map<String, Object> extraVars) {
        Inventory inventory = kit.loadInventory(path);
        Map<String, Object> defaults = DefaultVars.load(layout.defaults());
        new ClusterValidator().validate(inventory, defaults, extraVars);
        return new ClusterInventory(inventory, defaults);
    }
}
