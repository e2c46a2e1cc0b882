package io.pgha.core;

import java.util.Locale;

/**
 * What counts as yes or no, in one place: true/false, yes/no, on/off, y/n, 1/0 (as Ansible users
 * write them), in any case, for playbook fields, module arguments, inventory values and conditions.
 */
public final class Booleans {
    private Booleans() {}

    /** The value as a boolean; null when it is absent, blank or not one of the words above. */
    public static Boolean parse(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) {
            long l = n.longValue();
            return l == 0 ? Boolean.FALSE : l == 1 ? Boolean.TRUE : null;
        }
        if (v == null) return null;
        return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> Boolean.TRUE;
            case "false", "no", "off", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Whether the value is one of the words above (a boolean argument can take it). */
    public static boolean isBoolean(Object v) { return parse(v) != null; }

    /** True only for a value that says yes: anything else (absent, no, a stray word) is false. */
    public static boolean truthy(Object v) { return Boolean.TRUE.equals(parse(v)); }
}
