package io.pgha.modules.system;

import java.util.Collection;
import java.util.Map;

/** Values shown to the user (debug, assert): scalars as they are, lists and maps as compact JSON. */
final class Values {
    private Values() {}

    static String show(Object v) {
        if (v instanceof String s) return s;
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    /** Strips a ${...} wrapper: debug var and assert that hold bare expressions, but users often write ${x}. */
    static String bareExpression(String e) {
        String t = e.strip();
        if (t.startsWith("${") && t.endsWith("}") && t.indexOf("${", 2) < 0) return t.substring(2, t.length() - 1).strip();
        return t;
    }

    private static void append(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) quoted(sb, s);
        else if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                quoted(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(", ");
                first = false;
                append(sb, o);
            }
            sb.append(']');
        } else quoted(sb, String.valueOf(v));
    }

    private static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}
