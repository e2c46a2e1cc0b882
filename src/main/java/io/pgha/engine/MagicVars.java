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
public final class MagicVars {
    private MagicVars() {}

    public static Map<String, Object> withExtraVars(RunOptions options, Inventory inventory) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_check_mode", options.check());
        vars.put("ansible_diff_mode", options.diff());
        vars.put("hostvars", hostvars(inventory));
        vars.put("pgha_controller_cache_dir", controllerCacheDir());
        vars.put("inventory_dir", inventoryDir(inventory).toString());
        vars.putAll(options.extraVars());
        return vars;
    }

    /** The inventory's folder: paths written in an inventory (tarballs, secret files) are relative to it. */
    public static java.nio.file.Path inventoryDir(Inventory inventory) {
        java.nio.file.Path src = inventory.source();
        if (src == null) return java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path abs = src.toAbsolutePath().normalize();
        return java.nio.file.Files.isDirectory(abs) ? abs : abs.getParent();
    }

    /** $XDG_CACHE_HOME/pgha or ~/.cache/pgha: where the controller keeps build trees it ships between nodes. */
    private static String controllerCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String base = xdg != null && !xdg.isBlank() ? xdg : System.getProperty("user.home") + "/.cache";
        return base + "/pgha";
    }

    /** Every host's inventory variables, so a task can read another node's (hostvars.db07.ansible_host). */
    private static Map<String, Object> hostvars(Inventory inventory) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) all.put(h.name(), inventory.hostVars(h.name()));
        return all;
    }
}
