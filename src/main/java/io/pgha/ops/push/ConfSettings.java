package io.pgha.ops.push;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings a postgresql.conf sets, as PostgreSQL reads them: `name = value` or `name value`,
 * names case-insensitive, '#' comments outside quotes, single-quoted values with '' or \' inside,
 * the last occurrence winning. include directives are not followed (pgha renders one file).
 */
public final class ConfSettings {
    private ConfSettings() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int i = 0;
            while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == '.')) i++;
            if (i == 0) continue;
            String name = line.substring(0, i).toLowerCase(Locale.ROOT);
            String rest = line.substring(i).stripLeading();
            if (rest.startsWith("=")) rest = rest.substring(1).stripLeading();
            if (name.equals("include") || name.equals("include_if_exists") || name.equals("include_dir")) continue;
            out.put(name, value(rest));
        }
        return out;
    }

    /** The value at the start of rest: a quoted string unquoted, or the bare word before a comment. */
    static String value(String rest) {
        if (rest.startsWith("'")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\\' && i + 1 < rest.length()) {
                    sb.append(rest.charAt(++i));
                } else if (c == '\'') {
                    if (i + 1 < rest.length() && rest.charAt(i + 1) == '\'') {
                        sb.append('\'');
                        i++;
                    } else {
                        return sb.toString();
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int hash = rest.indexOf('#');
        return (hash < 0 ? rest : rest.substring(0, hash)).strip();
    }
}
