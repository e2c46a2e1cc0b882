package io.pgha.ops.push;

/**
 * One setting a push changes on a node.
 *
 * @param before   the value in the node's postgresql.conf now (null: not set there, the built-in default)
 * @param after    the rendered value (null: the push removes it, back to the built-in default)
 * @param context  pg_settings.context: postmaster needs a restart, internal cannot be set, others a reload
 */
public record SettingChange(String name, String before, String after, String context) {
    public boolean needsRestart() { return "postmaster".equals(context); }

    @Override
    public String toString() {
        return name + " " + (before == null ? "(default)" : before) + " -> " + (after == null ? "(default)" : after)
                + (needsRestart() ? " (restart)" : " (reload)");
    }
}
