package io.pgha.ops.render;

import io.pgha.core.Booleans;
import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.template.VarsModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of one node: the variable {@code pgha_files} (playbooks/vars/defaults.yml), a list of
 * {template, dest, owner, group, mode, enabled}, rendered against the node's variables. Kept in the
 * defaults so the bootstrap playbook and `pgha render` share one list, and an inventory may add to it.
 */
public final class ClusterFiles {
    public static final String VAR = "pgha_files";

    private ClusterFiles() {}

    /** The enabled files of the node whose variables these are. */
    public static List<ClusterFile> forHost(VarsModel vars) {
        Object raw = vars.resolve(VAR);
        SourceLocation where = SourceLocation.of(DefaultVars.RELATIVE_PATH);
        if (!(raw instanceof List<?> list)) {
            throw new InputException(where, VAR, "must be a list of {template, dest, owner, group, mode, enabled}");
        }
        List<ClusterFile> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = VAR + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) throw new InputException(where, field, "must be a mapping");
            if (!enabled(m.get("enabled"), field, where)) continue;
            String mode = text(m, "mode", field, where);
            if (!mode.matches("0?[0-7]{3}")) throw new InputException(where, field + ".mode", "must be an octal mode such as \"0600\", got '" + mode + "'");
            out.add(new ClusterFile(text(m, "template", field, where), text(m, "dest", field, where),
                    text(m, "owner", field, where), text(m, "group", field, where), mode.length() == 3 ? "0" + mode : mode));
        }
        return out;
    }

    private static boolean enabled(Object v, String field, SourceLocation where) {
        if (v == null) return true;
        Boolean b = Booleans.parse(v);
        if (b == null) throw new InputException(where, field + ".enabled", "must be true or false, got '" + String.valueOf(v).strip() + "'");
        return b;
    }

    private static String text(Map<?, ?> m, String key, String field, SourceLocation where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) throw new InputException(where, field + "." + key, "is missing");
        return String.valueOf(v);
    }
}
