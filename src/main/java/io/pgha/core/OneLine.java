package io.pgha.core;

/** A user's value quoted for a message on one line: control characters (a newline) shown escaped. */
public final class OneLine {
    private OneLine() {}

    public static String quoted(Object value) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : String.valueOf(value).toCharArray()) {
            if (c == '\n') sb.append("\\n");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append("'").toString();
    }
}
