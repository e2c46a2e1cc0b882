package io.pgha.ops.render;

import io.pgha.core.YamlNodes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster variables' defaults (playbooks/vars/defaults.yml): the lowest-precedence layer, below
 * every inventory variable, for the engine (RunOptions.defaultVars) and for rendering alike. Read
 * with the inventory's YAML rules (YAML 1.2 types, duplicate keys are errors, file:line messages).
 */
public final class DefaultVars {
    /** Where the defaults live in a project (and in the jar's built-in copy). */
    public static final String RELATIVE_PATH = "playbooks/vars/defaults.yml";

    private DefaultVars() {}

    /** Reads a defaults file: a YAML mapping of variable names to values. */
    public static Map<String, Object> load(Path file) {
        YamlNodes yaml = YamlNodes.read(file);
        if (YamlNodes.isNull(yaml.root())) return Map.of();
        return new LinkedHashMap<>(yaml.toJavaMap(yaml.root(), "defaults", new LinkedHashMap<>()));
    }
}
