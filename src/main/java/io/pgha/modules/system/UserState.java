package io.pgha.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * A user as the host reports it (getent passwd, id -gn, id -Gn), or null when absent.
 *
 * @param groups supplementary groups (the primary group left out)
 */
record UserState(String name, int uid, int gid, String comment, String home, String shell,
                 String primaryGroup, List<String> groups) {

    static final String SEP = "--pgha--";

    static String queryScript(String quotedName) {
        return "getent passwd " + quotedName + " || exit 0; echo " + SEP + "; id -gn " + quotedName
                + " 2>/dev/null; echo " + SEP + "; id -Gn " + quotedName + " 2>/dev/null; exit 0";
    }

    /** Parses queryScript's output; null when the user does not exist. */
    static UserState parse(String out) {
        String[] parts = out.split(SEP, -1);
        String pw = parts[0].strip();
        if (pw.isEmpty()) return null;
        String[] f = pw.split("\n")[0].split(":", -1);
        if (f.length < 7) return null;
        String primary = parts.length > 1 ? parts[1].strip() : "";
        List<String> groups = new ArrayList<>();
        if (parts.length > 2) {
            for (String g : parts[2].strip().split("\\s+")) if (!g.isEmpty() && !g.equals(primary) && !groups.contains(g)) groups.add(g);
        }
        return new UserState(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6], primary, groups);
    }
}
