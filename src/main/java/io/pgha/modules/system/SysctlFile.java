package io.pgha.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Editing one key in a sysctl.d file: the first line for the key is set to "name = value", later
 * duplicates removed (the last one would win at boot), other lines kept as they are. Keys compare
 * with / and . as the same separator; values compare with runs of whitespace as one space.
 */
final class SysctlFile {
    private SysctlFile() {}

    /** The new content; value null removes the key. Unchanged content comes back equal. */
    static String apply(String content, String name, String value) {
        List<String> out = new ArrayList<>();
        boolean done = false;
        String line = value == null ? null : name + " = " + value;
        String[] lines = content.isEmpty() ? new String[0] : content.split("\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) n--;   // trailing newline
        for (int i = 0; i < n; i++) {
            String l = lines[i];
            String k = key(l);
            if (k == null || !sameKey(k, name)) { out.add(l); continue; }
            if (value == null || done) continue;
            // keep the user's line when it already says the same thing
            out.add(sameValue(value(l), value) ? l : line);
            done = true;
        }
        if (value != null && !done) out.add(line);
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    /** The value the file gives the key (last one wins, as at boot), or null. */
    static String valueIn(String content, String name) {
        String v = null;
        for (String l : content.split("\n")) {
            String k = key(l);
            if (k != null && sameKey(k, name)) v = value(l);
        }
        return v;
    }

    static String key(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) return null;
        if (t.startsWith("-")) t = t.substring(1);   // "-key = v": ignore errors for this key
        int eq = t.indexOf('=');
        return eq <= 0 ? null : t.substring(0, eq).strip();
    }

    static String value(String line) {
        String t = line.strip();
        int eq = t.indexOf('=');
        return eq < 0 ? null : t.substring(eq + 1).strip();
    }

    static boolean sameKey(String a, String b) {
        return a.replace('/', '.').equals(b.replace('/', '.'));
    }

    static boolean sameValue(String a, String b) {
        if (a == null || b == null) return a == b;
        return normalize(a).equals(normalize(b));
    }

    static String normalize(String v) {
        return v.strip().replaceAll("\\s+", " ");
    }
}
