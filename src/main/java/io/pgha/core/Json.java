package io.pgha.core;

import java.util.Collection;
import java.util.Map;

/**
 * Minimal JSON writer (no dependency needed for plain maps, lists and scalars): compact for event
 * lines, or with a space after ',' and ':' for values shown to people (debug, assert).
 */
public final class Json {
    private final String comma;
    private final String colon;

    private Json(String comma, String colon) {
        this.comma = comma;
        this.colon = colon;
    }

    private static final Json COMPACT = new Json(",", ":");
    private static final Json READABLE = new Json(", ", ": ");

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

    private void append(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(comma);
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(colon);
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(comma);
                first = false;
                append(sb, o);
            }
            sb.append(']');
        } else string(sb, String.valueOf(v));
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
