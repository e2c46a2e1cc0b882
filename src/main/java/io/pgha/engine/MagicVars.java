package io.pgha.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables the run itself defines, like Ansible's: a playbook can guard read-only probes with
 * {@code when: !ansible_check_mode}. They sit with the extra vars (the user's -e still wins).
 */
final class MagicVars {
    private MagicVars() {}

    static Map<String, Object> withExtraVars(RunOptions options) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_check_mode", options.check());
        vars.put("ansible_diff_mode", options.diff());
        vars.putAll(options.extraVars());
        return vars;
    }
}
