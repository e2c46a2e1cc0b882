package io.pgha.engine;

import io.pgha.inventory.Host;
import io.pgha.inventory.Inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables the run itself defines, like Ansible's: a playbook can guard read-only probes with
 * {@code when: !ansible_check_mode}, and read
 * another host's inventory variables through hostvars. They sit with the extra vars (the user's -e still wins).
 */
final class MagicVars {
    private MagicVars() {}

    static Map<String, Object> withExtraVars(RunOptions options, Inventory inventory) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_check_mode", options.check());
        vars.put("ansible_diff_mode", options.diff());
        vars.put("hostvars", hostvars(inventory));
        vars.putAll(options.extraVars());
        return vars;
    }

    /** Every host's inventory variables, so a task can read another node's (hostvars.db07.ansible_host). */
    private static Map<String, Object> hostvars(Inventory inventory) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) all.put(h.name(), inventory.hostVars(h.name()));
        return all;
    }
}
