package io.pgha.core;

import java.util.Collection;
import java.util.Map;

/**
 * Minimal JSON writer (no dependency needed for plain maps, lists and scalars): compact for event
 * lines, with a space after ',' and ':' for values shown to people (debug, assert), or indented
 * over many lines for whole documents (pgha inventory).
 */
public final class Json {
    private final String comma;
    private final String colon;
    private final String indent; // null: all on one line

    private Json(String comma, String colon, String indent) {
        this.comma = comma;
        this.colon = colon;
        this.indent = indent;
    }

    private static final Json COMPACT = new Json(",", ":", null);
    private static final Json READABLE = new Json(", ", ": ", null);
    private static final Json INDENTED = new Json(",", ": ", "    ");

    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        COMPACT.append(sb, v);
        return sb.toString();
    }

    public static String writeReadable(Object v) {
        StringBuilder sb = new StringBuilder();
        READABLE.append(sb, v);
        return sb.toString();
    }

    /** Four spaces per level, one member per line, as ansible-inventory prints. */
    public static String writeIndented(Object v) {
        StringBuilder sb = new StringBuilder();
        INDENTED.append(sb, v, 0);
        return sb.toString();
    }

    private void append(StringBuilder sb, Object v) {
        append(sb, v, 0);
    }

    private void append(StringBuilder sb, Object v, int depth) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(comma);
                first = false;
                newline(sb, depth + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(colon);
                append(sb, e.getValue(), depth + 1);
            }
            if (!m.isEmpty()) newline(sb, depth);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(comma);
                first = false;
                newline(sb, depth + 1);
                append(sb, o, depth + 1);
            }
            if (!c.isEmpty()) newline(sb, depth);
            sb.append(']');
        } else string(sb, String.valueOf(v));
    }

    private void newline(StringBuilder sb, int depth) {
        if (indent == null) return;
        sb.append('\n');
        sb.append(indent.repeat(depth));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
