package io.pgha.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place the precedence of a host's variables is written, lowest first: the playbooks'
 * defaults, the inventory's host variables, play vars, registered and set_fact values, task vars and
 * the loop item, then the run's own (magic variables and -e, highest). The engine, its preflight and
 * the offline renderer all read a host's variables through this.
 */
public final class VarLayers {
    private final List<Map<String, Object>> lowestFirst;

    private VarLayers(List<Map<String, Object>> lowestFirst) { this.lowestFirst = lowestFirst; }

    /** @param run the run's magic variables with -e on top ({@link MagicVars#withExtraVars}) */
    public static VarLayers of(Map<String, Object> defaults, Map<String, Object> inventory, Map<String, Object> play,
                               Map<String, Object> runtime, Map<String, Object> task, Map<String, Object> run) {
        return new VarLayers(List.of(defaults, inventory, play, runtime, task, run));
    }

    /** Outside a play (rendering, validation, verification): defaults, inventory, the run's. */
    public static VarLayers offline(Map<String, Object> defaults, Map<String, Object> inventory, Map<String, Object> run) {
        return of(defaults, inventory, Map.of(), Map.of(), Map.of(), run);
    }

    public boolean has(String key) {
        for (Map<String, Object> m : lowestFirst) if (m.containsKey(key)) return true;
        return false;
    }

    /** The value from the highest layer that sets the key, or null. */
    public Object get(String key) {
        for (int i = lowestFirst.size() - 1; i >= 0; i--) {
            Map<String, Object> m = lowestFirst.get(i);
            if (m.containsKey(key)) return m.get(key);
        }
        return null;
    }

    public Set<String> keys() {
        Set<String> ks = new LinkedHashSet<>();
        for (Map<String, Object> m : lowestFirst) ks.addAll(m.keySet());
        return ks;
    }

    /** Every variable, higher layers replacing lower ones. */
    public Map<String, Object> flatten() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map<String, Object> m : lowestFirst) all.putAll(m);
        return all;
    }
}
