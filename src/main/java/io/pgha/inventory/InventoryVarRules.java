package io.pgha.inventory;

import io.pgha.core.InputException;
import io.pgha.core.Secrets;
import io.pgha.core.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * Checks each variable where it is written (inventory file, group_vars, host_vars), so a bad port
 * or an inline password is reported at its own file:line whether or not it wins precedence.
 */
final class InventoryVarRules {
    /** Inline connection passwords are refused: they would sit in files people commit. */
    private static final Map<String, String> INLINE_PASSWORDS = Map.of(
            "ansible_password", "ansible_password",
            "ansible_ssh_pass", "ansible_password",
            "ansible_become_password", "ansible_become_password",
            "ansible_become_pass", "ansible_become_password",
            "ansible_sudo_pass", "ansible_become_password");
    private static final List<String> STRING_VARS = List.of("ansible_host", "ansible_user",
            "ansible_ssh_private_key_file", "ansible_private_key_file", "pgha_known_hosts", "ansible_become_user");

    InventoryVar check(String name, Object value, SourceLocation at) {
        String ref = INLINE_PASSWORDS.getOrDefault(name, Secrets.isSecretName(name) ? name : null);
        // An empty value says "none" (pg_superuser_password: ""); anything else is a secret written in a file people commit.
        if (ref != null && !(value == null || "".equals(value))) {
            throw new InputException(at, name, "secrets are not written in the inventory: put it in a file of its own (mode 0600,"
                    + " e.g. secrets/" + ref + " beside the inventory) and set " + ref + "_file: secrets/" + ref
                    + ", or name an environment variable holding it with " + ref + "_env");
        }
        switch (name) {
            case "ansible_port" -> port(value, at);
            case "pgha_connect_timeout" -> seconds(value, at, name);
            default -> { }
        }
        if (STRING_VARS.contains(name) && !(value instanceof String || value instanceof Number)) {
            throw new InputException(at, name, "must be a single value, got " + describe(value));
        }
        if (SecretReferences.isReference(name) && !(value instanceof String s && !s.isBlank())) {
            throw new InputException(at, name, "must name " + (name.endsWith("_env") ? "an environment variable" : "a file")
                    + ", got " + describe(value));
        }
        return new InventoryVar(value, at);
    }

    static int port(Object value, SourceLocation at) {
        Integer p = null;
        if (value instanceof Integer i) p = i;
        else if (value instanceof String s && s.trim().matches("[0-9]{1,5}")) p = Integer.parseInt(s.trim());
        if (p == null || p < 1 || p > 65535) {
            throw new InputException(at, "ansible_port", "must be a port number (1-65535), got " + describe(value));
        }
        return p;
    }

    static double seconds(Object value, SourceLocation at, String field) {
        double d = -1;
        if (value instanceof Number n) d = n.doubleValue();
        else if (value instanceof String s && s.trim().matches("[0-9]+(\\.[0-9]+)?")) d = Double.parseDouble(s.trim());
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new InputException(at, field, "must be a number of seconds greater than 0, got " + describe(value));
        }
        return d;
    }

    static String describe(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Map) return "a mapping";
        if (v instanceof List) return "a list";
        return "'" + v + "'";
    }
}
