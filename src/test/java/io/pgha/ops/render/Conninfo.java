package io.pgha.ops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readers' side, for tests: postgresql.conf strings, libpq conninfo and .pgpass lines as the server and libpq parse them. */
final class Conninfo {
    private Conninfo() {}

    /** A quoted postgresql.conf value: '' is a quote, backslash escapes the next character. */
    static String confString(String quoted) {
        if (!quoted.startsWith("'") || !quoted.endsWith("'")) throw new IllegalArgumentException(quoted);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') out.append(quoted.charAt(++i));
            else if (c == '\'') out.append(quoted.charAt(++i));
            else out.append(c);
        }
        return out.toString();
    }

    /** key=value pairs; a value may be single-quoted, with \' and \\ inside. */
    static Map<String, String> parse(String conninfo) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < conninfo.length()) {
            while (i < conninfo.length() && conninfo.charAt(i) == ' ') i++;
            int eq = conninfo.indexOf('=', i);
            if (eq < 0) break;
            String key = conninfo.substring(i, eq);
            StringBuilder v = new StringBuilder();
            i = eq + 1;
            if (i < conninfo.length() && conninfo.charAt(i) == '\'') {
                for (i++; conninfo.charAt(i) != '\''; i++) {
                    if (conninfo.charAt(i) == '\\') i++;
                    v.append(conninfo.charAt(i));
                }
                i++;
            } else {
                while (i < conninfo.length() && conninfo.charAt(i) != ' ') v.append(conninfo.charAt(i++));
            }
            out.put(key, v.toString());
        }
        return out;
    }

    /** A .pgpass line's five fields: ':' separates, backslash escapes the next character. */
    static List<String> pgpassFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) f.append(line.charAt(++i));
            else if (c == ':' && out.size() < 4) {
                out.add(f.toString());
                f.setLength(0);
            } else f.append(c);
        }
        out.add(f.toString());
        return out;
    }
}
